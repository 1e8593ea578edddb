import { describe, expect, it } from 'vitest';

import { cameraProblem, videoInputs } from './camera';

const device = (kind: MediaDeviceKind, deviceId: string, label: string) =>
  ({ kind, deviceId, label, groupId: '', toJSON: () => ({}) }) as MediaDeviceInfo;

describe('camera', () => {
  it('names each getUserMedia failure in the officer words', () => {
    const named = (name: string) => ({ name, message: 'x' });
    expect(cameraProblem(named('NotAllowedError'))).toBe('sign.camera.error.denied');
    expect(cameraProblem(named('SecurityError'))).toBe('sign.camera.error.denied');
    expect(cameraProblem(named('NotFoundError'))).toBe('sign.camera.error.notFound');
    expect(cameraProblem(named('OverconstrainedError'))).toBe('sign.camera.error.notFound');
    expect(cameraProblem(named('NotReadableError'))).toBe('sign.camera.error.busy');
    expect(cameraProblem(new TypeError('no mediaDevices'))).toBe('sign.camera.error.unsupported');
    expect(cameraProblem('weird')).toBe('sign.camera.error.failed');
  });

  it('offers only cameras, keeping their names when the system gives them', () => {
    const devices = [
      device('audioinput', 'mic', 'Microphone'),
      device('videoinput', 'front', 'Desk camera '),
      device('videoinput', 'second', ''),
      device('videoinput', '', ''),
    ];
    expect(videoInputs(devices)).toEqual([
      { deviceId: 'front', label: 'Desk camera' },
      { deviceId: 'second', label: null },
    ]);
  });
});
