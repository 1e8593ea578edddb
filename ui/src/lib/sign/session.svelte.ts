// The Sign screen's working state, kept while the officer visits other screens: the
// draft being filled in and the request being worked on.
import type {
  PreparedIdImage,
  SignStage,
  SignatureRequestView,
} from '../generated/bindings';
import {
  DEFAULT_CHOICES,
  EMPTY_SIGNER,
  type ChosenDocument,
  type DraftChoices,
  type IdImageSlot,
  type SignerFields,
} from './draft';

/** Draft steps before the request exists. */
export type DraftStep = 'signer' | 'images' | 'documents';

export class SignSession {
  step: DraftStep = $state('signer');
  signer: SignerFields = $state({ ...EMPTY_SIGNER });
  images: Partial<Record<IdImageSlot, PreparedIdImage | null>> = $state({});
  documents: ChosenDocument[] = $state([]);
  choices: DraftChoices = $state({ ...DEFAULT_CHOICES });
  /** The started request, once there is one. */
  view: SignatureRequestView | null = $state(null);
  /** The last signature stage announced for `view`. */
  signStage: SignStage | null = $state(null);

  /** Forgets everything: a new request starts from an empty form. */
  reset(): void {
    this.step = 'signer';
    this.signer = { ...EMPTY_SIGNER };
    this.images = {};
    this.documents = [];
    this.choices = { ...DEFAULT_CHOICES };
    this.view = null;
    this.signStage = null;
  }

  /** Works on `view` (a request just started or resumed). */
  open(view: SignatureRequestView): void {
    if (this.view?.id !== view.id) this.signStage = null;
    this.view = view;
  }
}

export const signSession = new SignSession();
