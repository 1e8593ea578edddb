// The administration commands of the fake backend: an Optimizer's settings, tokens,
// metadata and signature images kept in memory, answered like station-core does.
import type {
  AdminSettings,
  AdminToken,
  AppError,
  MetadataEntry,
  NewMetadata,
  NewRaoToken,
  OptimizerHealth,
  SettingsUpdate,
  SignatureImage,
} from '../../src/lib/generated/bindings';
import { SANDBOX_VERSION } from './fake-station';

/** A 1×1 PNG, as the Optimizer would send it back. */
export const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

export const DEMO_TOKEN: AdminToken = {
  id: '5f1c0a9e2b7d4c11',
  hint: 'fd6a…ff60',
  username: '1125824',
  holdsPassword: true,
  holdsPin: true,
  inUse: true,
  protection: 'sandbox_demo',
};

export const OTHER_TOKEN: AdminToken = {
  id: '9a0b1c2d3e4f5a6b',
  hint: '9c1e…02ab',
  username: '7700001',
  holdsPassword: false,
  holdsPin: true,
  inUse: false,
  protection: null,
};

const fail = (code: string, details: string | null = null): AppError => ({
  code,
  message: `${code} (fake)`,
  details,
});

export class FakeAdmin {
  health: OptimizerHealth = {
    url: 'http://127.0.0.1:45123',
    greeting: 'Hello',
    name: 'OneShot Optimizer',
    version: SANDBOX_VERSION,
    host: { hostname: 'desk-7', system: 'Linux', release: '6.1.0', machine: 'x86_64' },
    helloMillis: 1234,
    versionMillis: 3,
  };
  settings: AdminSettings = {
    tsaUrl: 'internal:sandbox-tsa',
    defaultProfile: 'PFnubeQAFCiudadano',
    defaultRa: '1000',
    billingUsername: 'billing@sandbox.oneshot.test',
    billingPasswordOnOptimizer: true,
    billingPasswordInVault: false,
    environment: 'sandbox',
  };
  tokens: AdminToken[] = [DEMO_TOKEN, OTHER_TOKEN];
  metadata: MetadataEntry[] = [];
  images: SignatureImage[] = [];
  /** Commands that fail with this error instead of answering. */
  failures: Record<string, AppError> = {};
  /** What the file dialog answers. */
  dialogAnswer: string | null = '/home/officer/firma.png';
  private next = 1;

  /** The answer to `command`, or `undefined` when it is not an administration command. */
  handle(command: string, payload: unknown): unknown {
    const failure = this.failures[command];
    if (failure) throw failure;
    const args = (payload ?? {}) as Record<string, unknown>;
    switch (command) {
      case 'admin_health':
        return this.health;
      case 'admin_settings':
        return this.settings;
      case 'admin_update_settings':
        return this.update(args.update as SettingsUpdate);
      case 'admin_tokens':
        return this.tokens;
      case 'admin_look_up_token': {
        const found = this.tokens.find((token) => args.token === `full-${token.id}`);
        if (!found) throw fail('signin.unknown_token');
        return found;
      }
      case 'admin_create_token':
        return this.createToken(args.request as NewRaoToken);
      case 'admin_delete_token': {
        const token = this.tokens.find((known) => known.id === args.id);
        if (!token) throw fail('signin.unknown_token');
        if (token.protection) throw fail('admin.token_protected', token.protection);
        this.tokens = this.tokens.filter((known) => known.id !== args.id);
        return this.tokens;
      }
      case 'admin_metadata':
        return this.metadata;
      case 'admin_metadata_entry': {
        const entry = this.metadata.find((known) => known.uid === args.uid);
        if (!entry) throw fail('optimizer.not_found');
        return entry;
      }
      case 'admin_add_metadata':
        return this.addMetadata(args.request as NewMetadata);
      case 'admin_delete_metadata':
        this.metadata = this.metadata.filter((known) => known.uid !== args.uid);
        return this.metadata;
      case 'admin_delete_all_metadata':
        this.metadata = [];
        return null;
      case 'admin_signature_images':
        return this.images;
      case 'admin_add_signature_image':
        return this.addImage(String(args.path));
      case 'admin_signature_image_preview':
        return { uid: args.uid, dataUrl: `data:image/png;base64,${PNG_BASE64}` };
      case 'admin_delete_signature_image':
        this.images = this.images.filter((known) => known.uid !== args.uid);
        return this.images;
      case 'admin_delete_all_signature_images':
        this.images = [];
        return null;
      case 'plugin:dialog|open':
        return this.dialogAnswer;
      default:
        return undefined;
    }
  }

  private update(update: SettingsUpdate): AdminSettings {
    const { billingPassword, ...rest } = update;
    this.settings = {
      ...this.settings,
      ...rest,
      ...(billingPassword ? { billingPasswordOnOptimizer: true, billingPasswordInVault: true } : {}),
    };
    return this.settings;
  }

  private createToken(request: NewRaoToken) {
    if (request.username.trim() === '') throw fail('input.required', 'username');
    const token: AdminToken = {
      id: `c0ffee00000000${String(this.next++).padStart(2, '0')}`,
      hint: 'abcd…7890',
      username: request.username.trim(),
      holdsPassword: request.password !== '',
      holdsPin: request.pin !== '',
      inUse: false,
      protection: null,
    };
    this.tokens = [...this.tokens, token];
    return { token, value: 'abcd1234abcd1234abcd1234abcd7890' };
  }

  private addMetadata(request: NewMetadata): MetadataEntry {
    if (!/^[012](\.\d+)+$/.test(request.oid.trim())) {
      throw fail('admin.invalid_oid', request.oid);
    }
    const entry: MetadataEntry = {
      uid: `meta-${this.next++}`,
      oid: request.oid.trim(),
      base64: btoa(String.fromCharCode(...new TextEncoder().encode(request.text))),
      text: request.text,
    };
    this.metadata = [...this.metadata, entry];
    return entry;
  }

  private addImage(path: string): SignatureImage[] {
    if (!/\.(png|jpe?g)$/i.test(path)) throw fail('admin.signature_image', path);
    this.images = [
      ...this.images,
      {
        uid: `img-${this.next++}`,
        fileName: path.split('/').pop() ?? path,
        mime: 'image/png',
        width: 1,
        height: 1,
        uploaded: '2025-03-07 10:15:00',
      },
    ];
    return this.images;
  }
}
