// The station's camera for the ID capture step: start a stream, list the cameras,
// grab a frame as JPEG bytes, and name what went wrong in the officer's words.
/** Why the camera could not be used, as the catalog key of its message. */
export type CameraProblem =
  | 'sign.camera.error.denied'
  | 'sign.camera.error.notFound'
  | 'sign.camera.error.busy'
  | 'sign.camera.error.unsupported'
  | 'sign.camera.error.failed';

/** The message for a getUserMedia failure (a DOMException, by its name). */
export function cameraProblem(error: unknown): CameraProblem {
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'sign.camera.error.denied';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'sign.camera.error.notFound';
    case 'NotReadableError':
    case 'AbortError':
      return 'sign.camera.error.busy';
    case 'TypeError':
      return 'sign.camera.error.unsupported';
    default:
      return 'sign.camera.error.failed';
  }
}

/** A camera to offer in the list; unnamed ones (before permission) get a number. */
export interface CameraChoice {
  deviceId: string;
  label: string | null;
}

export function videoInputs(devices: readonly MediaDeviceInfo[]): CameraChoice[] {
  return devices
    .filter((device) => device.kind === 'videoinput' && device.deviceId !== '')
    .map((device) => ({ deviceId: device.deviceId, label: device.label.trim() || null }));
}

/** Whether the webview offers getUserMedia at all. */
export function cameraAvailable(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function';
}

/** Opens `deviceId` (or the default camera), video only, as large as it offers up to 1920 px. */
export function openCamera(deviceId: string | null): Promise<MediaStream> {
  const size = { width: { ideal: 1920 }, height: { ideal: 1080 } };
  return navigator.mediaDevices.getUserMedia({
    audio: false,
    video: deviceId ? { ...size, deviceId: { exact: deviceId } } : size,
  });
}

/** Stops every track, so the camera's light goes off. */
export function closeCamera(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

/** The frame the video shows now, as JPEG bytes at the camera's full size. */
export async function grabFrame(video: HTMLVideoElement): Promise<Uint8Array> {
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  const context = canvas.getContext('2d');
  if (!context || canvas.width === 0 || canvas.height === 0) throw new Error('no video frame yet');
  context.drawImage(video, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((done) => canvas.toBlob(done, 'image/jpeg', 0.92));
  if (!blob) throw new Error('the frame could not be encoded');
  return new Uint8Array(await blob.arrayBuffer());
}
