// Generated from the Rust types by src-tauri/src/bindings.rs. Do not edit:
// run `UPDATE_BINDINGS=1 cargo test -p oneshot-station bindings` instead.

export type AppError = { 
/**
 * Stable dotted code, e.g. `optimizer.unreachable`.
 */
code: string, 
/**
 * Technical description (never a secret).
 */
message: string, 
/**
 * The server's details, the file or the field at fault, when known.
 */
details: string | null, };

export type OptimizerProfile = { "mode": "embedded_sandbox" } | { "mode": "remote" } & RemoteOptimizer;

export type RemoteOptimizer = { 
/**
 * Base URL in front of `/api/v1`, e.g. `https://optimizer.branch.local:8443`.
 */
url: string, 
/**
 * Root CA to trust besides the system's, PEM, for an Optimizer behind a private CA.
 */
caPemPath: string | null, 
/**
 * Client certificate (PEM) for an Optimizer that requires mutual TLS.
 */
clientCertPath: string | null, 
/**
 * Private key (PEM) of the client certificate.
 */
clientKeyPath: string | null, };

export type SandboxStatus = { "state": "stopped" } | { "state": "starting" } | { "state": "running", 
/**
 * Its base URL, e.g. `http://127.0.0.1:41234`.
 */
url: string, } | { "state": "failed", 
/**
 * What went wrong.
 */
reason: string, };

export type VaultStatus = { 
/**
 * True when secrets go to the OS keyring and survive a restart.
 */
persistent: boolean, 
/**
 * Why the OS keyring cannot be used, when it cannot.
 */
unavailableReason: string | null, };

export type SignInMethod = "token" | "credentials";

export type RaoSession = { 
/**
 * The RAO's username.
 */
username: string, 
/**
 * How the RAO signed in.
 */
method: SignInMethod, 
/**
 * The session's token carries the RAO's password.
 */
tokenHoldsPassword: boolean, 
/**
 * The session's token carries the RAO's PIN.
 */
tokenHoldsPin: boolean, };

export type ConnectionOverview = { 
/**
 * The Optimizer in use.
 */
optimizer: OptimizerProfile, 
/**
 * The embedded sandbox's state (`stopped` while a remote Optimizer is in use).
 */
sandbox: SandboxStatus, 
/**
 * Whether secrets survive a restart.
 */
vault: VaultStatus, 
/**
 * The RAO signed in on this Optimizer, if any.
 */
session: RaoSession | null, };

export type SignIn = { "method": "token", 
/**
 * The token.
 */
token: string, } | { "method": "credentials", 
/**
 * The RAO's username.
 */
username: string, 
/**
 * The RAO's password.
 */
password: string, 
/**
 * The RAO's PIN.
 */
pin: string, };

export type ConnectionReport = { 
/**
 * The base URL called.
 */
url: string, 
/**
 * hello's greeting, e.g. `Hello`.
 */
hello: string, 
/**
 * The product name from version.
 */
name: string, 
/**
 * The release from version, e.g. `1.5.0`.
 */
version: string, };

export type TokenSummary = { 
/**
 * The token's first and last characters, enough to tell tokens apart.
 */
hint: string, 
/**
 * The RAO the token stands for.
 */
username: string, 
/**
 * The token carries the password.
 */
holdsPassword: boolean, 
/**
 * The token carries the PIN.
 */
holdsPin: boolean, 
/**
 * The signed-in session uses this token.
 */
inUse: boolean, };

export type OptimizerHealth = { 
/**
 * The base URL called.
 */
url: string, 
/**
 * hello's greeting, e.g. `Hello`.
 */
greeting: string, 
/**
 * The product name, e.g. `OneShot Optimizer`.
 */
name: string, 
/**
 * The release, e.g. `1.5.0`.
 */
version: string, 
/**
 * The machine the Optimizer runs on, as it describes itself.
 */
host: OptimizerHost, 
/**
 * Round trip of hello, in milliseconds.
 */
helloMillis: number, 
/**
 * Round trip of version, in milliseconds.
 */
versionMillis: number, };

export type OptimizerHost = { 
/**
 * Host name.
 */
hostname: string, 
/**
 * Operating system, e.g. `Linux`.
 */
system: string, 
/**
 * Kernel release.
 */
release: string, 
/**
 * Architecture, e.g. `x86_64`.
 */
machine: string, };

export type OptimizerEnvironment = "sandbox" | "prod";

export type AdminSettings = { 
/**
 * Default timestamp authority URL.
 */
tsaUrl: string | null, 
/**
 * Default certificate profile of new requests.
 */
defaultProfile: string | null, 
/**
 * Default Registration Authority of new requests.
 */
defaultRa: string | null, 
/**
 * Billing account user name.
 */
billingUsername: string | null, 
/**
 * The Optimizer holds a billing password.
 */
billingPasswordOnOptimizer: boolean, 
/**
 * The station's vault holds the billing password last set from here.
 */
billingPasswordInVault: boolean, 
/**
 * Test or production certificates; `None` when the Optimizer names neither.
 */
environment: OptimizerEnvironment | null, };

export type SettingsUpdate = { 
/**
 * New default timestamp authority URL.
 */
tsaUrl?: string, 
/**
 * New default certificate profile.
 */
defaultProfile?: string, 
/**
 * New default Registration Authority.
 */
defaultRa?: string, 
/**
 * New billing user name.
 */
billingUsername?: string, 
/**
 * A billing password to set or replace; kept in the vault as well.
 */
billingPassword?: string, 
/**
 * New environment.
 */
environment?: OptimizerEnvironment, };

export type TokenProtection = "sandbox_demo" | "in_use";

export type AdminToken = { 
/**
 * Stable id for delete: the start of the token's SHA-256, never the token.
 */
id: string, 
/**
 * The token's first and last characters, enough to tell tokens apart.
 */
hint: string, 
/**
 * The RAO the token stands for.
 */
username: string, 
/**
 * The token carries the password.
 */
holdsPassword: boolean, 
/**
 * The token carries the PIN.
 */
holdsPin: boolean, 
/**
 * The signed-in session uses this token.
 */
inUse: boolean, 
/**
 * Why the token cannot be deleted, when it cannot.
 */
protection: TokenProtection | null, };

export type NewRaoToken = { 
/**
 * The RAO's user name.
 */
username: string, 
/**
 * The RAO's password to keep in the token; empty keeps none.
 */
password: string, 
/**
 * The RAO's PIN to keep in the token; empty keeps none.
 */
pin: string, 
/**
 * The environment, when the Optimizer's settings do not fix it.
 */
environment: OptimizerEnvironment | null, };

export type CreatedToken = { 
/**
 * The token as listed.
 */
token: AdminToken, 
/**
 * The full token.
 */
value: string, };

export type NewMetadata = { 
/**
 * Dotted OID, e.g. `1.3.6.1.4.1.47289.100.2.9`.
 */
oid: string, 
/**
 * The value as text; the station sends it base64-encoded.
 */
text: string, };

export type MetadataEntry = { 
/**
 * The uid to name when signing.
 */
uid: string, 
/**
 * Dotted OID.
 */
oid: string, 
/**
 * The value as stored, base64.
 */
base64: string, 
/**
 * The value decoded as UTF-8 text, when it is text.
 */
text: string | null, };

export type SignatureImage = { 
/**
 * The uid to name in a visible signature.
 */
uid: string, 
/**
 * The uploaded file's name.
 */
fileName: string, 
/**
 * MIME type, `image/png` or `image/jpeg`.
 */
mime: string, 
/**
 * Width in pixels, when the Optimizer says.
 */
width: number | null, 
/**
 * Height in pixels, when the Optimizer says.
 */
height: number | null, 
/**
 * Upload date as the Optimizer wrote it.
 */
uploaded: string, };

export type SignatureImagePreview = { 
/**
 * The picture's uid.
 */
uid: string, 
/**
 * The picture as a `data:` URL.
 */
dataUrl: string, };

export type PhoneMessage = { 
/**
 * The signature request it belongs to.
 */
request: number, 
/**
 * `sms` or `whatsapp`.
 */
channel: string, 
/**
 * The mobile number it went to.
 */
to: string, 
/**
 * The message as the signer reads it.
 */
text: string, 
/**
 * The one-time code in it.
 */
code: string, 
/**
 * When it was sent, RFC 3339.
 */
sentAt: string, };

export type VideoIdOutcome = "review" | "incomplete" | "error";

export type SignerLanguage = "ES" | "EN" | "PL";

export type IdDocumentKind = "IDC" | "PAS" | "PNO" | "TIN" | "CI" | "CE";

export type SignerIdentity = { 
/**
 * Given name(s).
 */
givenName: string, 
/**
 * First surname.
 */
surname1: string, 
/**
 * Second surname, where the signer has one.
 */
surname2: string | null, 
/**
 * Kind of identity document.
 */
idDocumentType: IdDocumentKind, 
/**
 * Country that issued the document, ISO 3166-1 alpha-2 (`ES`).
 */
idDocumentCountry: string, 
/**
 * Document number (DNI, NIE, passport number…).
 */
serialNumber: string, 
/**
 * E-mail address.
 */
email: string, 
/**
 * Mobile phone number with its international prefix (`+34600123123`).
 */
mobilePhoneNumber: string, 
/**
 * Language of the messages the signer receives; the Optimizer's default when absent.
 */
communicationLanguage: SignerLanguage | null, };

export type IdentityField = "givenName" | "surname1" | "surname2" | "idDocumentCountry" | "serialNumber" | "email" | "mobilePhoneNumber";

export type IdentityIssueCode = "identity.required" | "identity.too_long" | "identity.name_invalid_character" | "identity.name_no_letter" | "identity.dni_format" | "identity.dni_check_letter" | "identity.nie_format" | "identity.nie_check_letter" | "identity.passport_format" | "identity.document_number_format" | "identity.country_unknown" | "identity.email_invalid" | "identity.phone_prefix_missing" | "identity.phone_format" | "identity.phone_country_code_unknown" | "identity.phone_invalid" | "identity.phone_not_mobile";

export type FieldIssue = { 
/**
 * The field at fault.
 */
field: IdentityField, 
/**
 * What is wrong.
 */
code: IdentityIssueCode, 
/**
 * Whether the issue keeps the request from being sent (a warning otherwise).
 */
blocking: boolean, 
/**
 * Values for the message's placeholders, e.g. `max` or `character`.
 */
params: { [key in string]?: string }, };

export type IdentityCheck = { 
/**
 * Trimmed, NFC-normalized, document number and country in upper case,
 * phone in E.164. Fields that failed keep the officer's text (trimmed).
 */
identity: SignerIdentity, 
/**
 * Problems, in field order; empty when all is well.
 */
issues: Array<FieldIssue>, };

export type ImageQualityHint = "id_image.too_small" | "id_image.blurred" | "id_image.too_dark" | "id_image.too_bright";

export type ImageMeasurements = { 
/**
 * Variance of the Laplacian after contrast stretching; low means blurred.
 */
sharpness: number, 
/**
 * Mean luminance, 0–255.
 */
meanLuminance: number, 
/**
 * Share of near-black pixels, 0–1.
 */
darkShare: number, 
/**
 * Share of clipped white pixels, 0–1.
 */
clippedShare: number, };

export type IdImageReport = { 
/**
 * Width of the JPEG, upright.
 */
width: number, 
/**
 * Height of the JPEG, upright.
 */
height: number, 
/**
 * Size of the JPEG file.
 */
byteSize: number, 
/**
 * Width of the picture as received, upright.
 */
sourceWidth: number, 
/**
 * Height of the picture as received, upright.
 */
sourceHeight: number, 
/**
 * Advice for the officer, e.g. to take the picture again.
 */
hints: Array<ImageQualityHint>, 
/**
 * The measures the hints come from.
 */
measurements: ImageMeasurements, };

export type CropRect = { 
/**
 * Left edge.
 */
x: number, 
/**
 * Top edge.
 */
y: number, 
/**
 * Width, at least one pixel.
 */
width: number, 
/**
 * Height, at least one pixel.
 */
height: number, };

export type IdImageEdit = { 
/**
 * Quarter turns clockwise applied to the upright picture; counted modulo 4, so
 * 3 is one turn to the left.
 */
quarterTurns: number, 
/**
 * The part kept, in pixels of the picture as received, upright and turned.
 */
crop: CropRect | null, };

export type PreparedIdImage = { 
/**
 * The upright, resized JPEG the request will upload.
 */
path: string, 
/**
 * The picture it was made from, kept as received: a new turn or crop starts from it.
 */
source: string, 
/**
 * The file name the officer sees (the chosen file's, or the camera picture's).
 */
sourceName: string, 
/**
 * Whether the station's camera took the picture.
 */
captured: boolean, 
/**
 * The turns and crop applied to `source`.
 */
edit: IdImageEdit, 
/**
 * Size, quality measures and hints.
 */
report: IdImageReport, 
/**
 * The JPEG as a `data:` URL, for the preview.
 */
preview: string, };

export type ProfileDefaults = { 
/**
 * Registration Authority id.
 */
registrationAuthority: string | null, 
/**
 * Certificate profile.
 */
certificateProfile: string | null, };

export type PageSize = { 
/**
 * Width in points.
 */
widthPt: number, 
/**
 * Height in points.
 */
heightPt: number, };

export type PdfSummary = { 
/**
 * SHA-256 of the file, lower-case hex: names the file in caches and the audit trail.
 */
digest: string, 
/**
 * Size of the file.
 */
byteSize: number, 
/**
 * Each page's size as displayed (its `/Rotate` applied), first page first.
 */
pages: Array<PageSize>, };

export type RenderSize = { "by": "scale", "value": number } | { "by": "dpi", "value": number } | { "by": "longSide", "value": number };

export type PageImage = { 
/**
 * Page index, the first being 0.
 */
page: number, 
/**
 * Width in pixels.
 */
width: number, 
/**
 * Height in pixels.
 */
height: number, 
/**
 * The PNG as a `data:` URL (the only image source the window's CSP allows).
 */
dataUrl: string, };

export type RequestId = string;

export type WorkflowKind = "classic_otp" | "external_authentication" | "hash_signature" | "asynchronous" | "video_id_eidas" | "video_id_external";

export type RequestPhase = "running" | "awaiting_officer" | "waiting_for_optimizer" | "failed" | "completed" | "refused" | "cancelled";

export type StepName = "create_request" | "create_video_id" | "upload_evidences" | "upload_video" | "await_video_review" | "review_video_id" | "upload_documents" | "show_contract" | "send_otp" | "sign" | "await_signature" | "fetch_signed" | "verify_backup" | "delete_documents" | "cancel_request" | "correct_signer";

export type StepState = "pending" | "in_flight" | "awaiting_officer" | "waiting" | "done" | "failed" | "skipped";

export type IdImagePaths = { 
/**
 * Front side.
 */
documentFront: string | null, 
/**
 * Rear side.
 */
documentRear: string | null, 
/**
 * Selfie holding the document.
 */
documentOwner: string | null, 
/**
 * Any further document.
 */
extraDocument: string | null, };

export type VisibleSignatureSpec = { 
/**
 * Page, the first being 0.
 */
page: number | null, 
/**
 * Rectangle in points from the bottom-left corner: `"x1, y1, x2, y2"`.
 */
position: string | null, 
/**
 * Uid of an image uploaded to the Optimizer for the signature.
 */
image: string | null, };

export type DocumentToSign = { 
/**
 * The file: a PDF, or for a hash signature (W3) any file.
 */
path: string, 
/**
 * Where the signature shows on this document, when it should show.
 */
visibleSignature: VisibleSignatureSpec | null, };

export type OtpChannel = "sms" | "whatsapp";

export type ExternalAuthentication = { 
/**
 * The method, e.g. `biometric`.
 */
unlockType: string, 
/**
 * The external system's id of the authentication.
 */
unlockValue: string, };

export type EvidenceAcceptance = { 
/**
 * What was accepted.
 */
description: string | null, 
/**
 * Privacy policy URL.
 */
privacyPolicyUrl: string | null, 
/**
 * Terms and conditions URL.
 */
termsUrl: string | null, 
/**
 * Video ID platform URL.
 */
videoidUrl: string | null, 
/**
 * The signer's IP address.
 */
ip: string | null, 
/**
 * The signer's browser.
 */
userAgent: string | null, 
/**
 * When it was accepted.
 */
date: string | null, };

export type EvidenceOcr = { 
/**
 * Given name.
 */
givenName: string, 
/**
 * First surname.
 */
surname1: string, 
/**
 * Second surname.
 */
surname2: string | null, 
/**
 * Document number.
 */
serialNumber: string, 
/**
 * Mobile phone number.
 */
mobilePhoneNumber: string | null, 
/**
 * E-mail.
 */
email: string | null, 
/**
 * Document country, ISO 3166-1 alpha-2.
 */
idDocumentCountry: string | null, };

export type EvidenceChecks = { 
/**
 * OTP validated.
 */
otpValidation: boolean | null, 
/**
 * Document matches official registers.
 */
documentsMatch: boolean | null, 
/**
 * Document data not corrupted.
 */
dataIntegrity: boolean | null, 
/**
 * Document is not a copy.
 */
documentNotcopy: boolean | null, 
/**
 * Document not expired.
 */
documentNotexpired: boolean | null, 
/**
 * Signer not under age.
 */
documentNotunderage: boolean | null, 
/**
 * Signer is a live person.
 */
liveliness: boolean | null, };

export type VideoIdEvidence = { 
/**
 * What the signer accepted, and where.
 */
acceptance: EvidenceAcceptance, 
/**
 * Document front picture.
 */
documentFront: string | null, 
/**
 * Document rear picture.
 */
documentRear: string | null, 
/**
 * The photo on the document.
 */
documentPhoto: string | null, 
/**
 * The signer's selfie.
 */
documentOwner: string | null, 
/**
 * Text read from the document.
 */
ocr: EvidenceOcr, 
/**
 * Checks the platform made.
 */
securityChecks: EvidenceChecks, 
/**
 * Face similarity, a score 0–100 or a word such as `high`.
 */
similarityLevel: string | null, 
/**
 * The session's video file.
 */
video: string, };

export type WorkflowOptions = { 
/**
 * OTP channel (W1, W3, W4, W5, W6); the Optimizer's default is SMS.
 */
deliveryMethod: OtpChannel | null, 
/**
 * Required for W2.
 */
externalAuthentication: ExternalAuthentication | null, 
/**
 * Certificate profile, when not the Optimizer's default.
 */
profile: string | null, 
/**
 * Registration Authority id, when not the Optimizer's default.
 */
registrationAuthority: string | null, 
/**
 * Video ID mode as the Registration Authority defines it (W5, W6).
 */
videoidMode: number | null, 
/**
 * The external platform's evidences and video (W6).
 */
evidence: VideoIdEvidence | null, };

export type SignatureRequestDraft = { 
/**
 * Which workflow.
 */
kind: WorkflowKind, 
/**
 * Who signs.
 */
signer: SignerIdentity, 
/**
 * ID pictures (W1–W4).
 */
idImages: IdImagePaths, 
/**
 * Files to sign; for Video ID they may also be added after approval.
 */
documents: Array<DocumentToSign>, 
/**
 * Further choices.
 */
options: WorkflowOptions, };

export type OfficerTask = { "task": "addDocuments" } | { "task": "showContract", 
/**
 * The contract, saved in the backup folder.
 */
contract: string, } | { "task": "enterCode", 
/**
 * True for an external authentication code (W2), false for an OTP.
 */
external: boolean, 
/**
 * Why the last attempt did not sign, as an error code.
 */
lastError: string | null, } | { "task": "reviewVideoId", 
/**
 * The Optimizer's status, e.g. `VIDEOREVIEW`.
 */
status: string | null, } | { "task": "retry", 
/**
 * The step.
 */
step: StepName, 
/**
 * The error code.
 */
errorCode: string | null, 
/**
 * Facts about the failure.
 */
errorDetails: string | null, };

export type StepView = { 
/**
 * The step.
 */
step: StepName, 
/**
 * Its state.
 */
state: StepState, 
/**
 * How many times it was started.
 */
attempts: number, 
/**
 * The last error's code.
 */
errorCode: string | null, 
/**
 * The last error's facts.
 */
errorDetails: string | null, 
/**
 * When it last started.
 */
startedAt: string | null, 
/**
 * When it finished.
 */
finishedAt: string | null, };

export type DocumentView = { 
/**
 * Position in upload order, from 0.
 */
position: number, 
/**
 * The file name.
 */
fileName: string, 
/**
 * The local file chosen.
 */
sourcePath: string, 
/**
 * SHA-256 of the local file when it was added.
 */
sourceSha256: string, 
/**
 * The Optimizer's uid once uploaded.
 */
serverUid: string | null, 
/**
 * The signed file in the backup folder.
 */
signedPath: string | null, 
/**
 * Its SHA-256.
 */
signedSha256: string | null, 
/**
 * The local verification's conclusion, once verified.
 */
verification: string | null, };

export type SignatureRequestView = { 
/**
 * The station's id.
 */
id: RequestId, 
/**
 * Which workflow.
 */
kind: WorkflowKind, 
/**
 * Where it stands.
 */
phase: RequestPhase, 
/**
 * What the officer must do now, if anything.
 */
officerTask: OfficerTask | null, 
/**
 * The RAO who started it.
 */
officer: string, 
/**
 * Who signs.
 */
signer: SignerIdentity, 
/**
 * The Optimizer's pk, once created.
 */
optimizerPk: number | null, 
/**
 * The link the signer opens for the video session (W5).
 */
videoidLink: string | null, 
/**
 * The Optimizer's last known status word.
 */
serverStatus: string | null, 
/**
 * The folder holding the contract and signed documents.
 */
backupFolder: string, 
/**
 * Steps in order.
 */
steps: Array<StepView>, 
/**
 * Documents in upload order.
 */
documents: Array<DocumentView>, 
/**
 * When it was started (UTC, RFC 3339).
 */
createdAt: string, 
/**
 * When it last changed.
 */
updatedAt: string, };

export type SignatureRequestSummary = { 
/**
 * The station's id.
 */
id: RequestId, 
/**
 * Which workflow.
 */
kind: WorkflowKind, 
/**
 * Where it stands.
 */
phase: RequestPhase, 
/**
 * Who signs.
 */
signer: string, 
/**
 * The Optimizer's pk, once created.
 */
optimizerPk: number | null, 
/**
 * The Optimizer's last known status word.
 */
serverStatus: string | null, 
/**
 * When it was started.
 */
createdAt: string, 
/**
 * When it last changed.
 */
updatedAt: string, };

export type SignStage = { "stage": "sent" } | { "stage": "inProgress", 
/**
 * The asynchronous status word, e.g. `pending`.
 */
status: string, } | { "stage": "signed" } | { "stage": "fetched", 
/**
 * Documents saved.
 */
done: number, 
/**
 * Documents in all.
 */
total: number, } | { "stage": "verified" };

export type StationEvent = { "type": "requestStatusChanged", 
/**
 * The request.
 */
request: RequestId, 
/**
 * Where the workflow stands now.
 */
phase: RequestPhase, 
/**
 * The step it is at, when not finished.
 */
step: StepName | null, 
/**
 * The Optimizer's status word, when known.
 */
serverStatus: string | null, } | { "type": "uploadProgress", 
/**
 * The request.
 */
request: RequestId, 
/**
 * Bytes sent.
 */
done: number, 
/**
 * Bytes to send in all, when known.
 */
total: number | null, } | { "type": "signProgress", 
/**
 * The request.
 */
request: RequestId, 
/**
 * The stage reached.
 */
stage: SignStage, } | { "type": "queueChanged" } | { "type": "videoIdReadyForReview", 
/**
 * The request.
 */
request: RequestId, 
/**
 * The Optimizer's pk, the number officers quote.
 */
optimizerPk: number, 
/**
 * Who is being identified.
 */
signer: string, };

export type VerificationVerdict = "invalid" | "modified_after_signing" | "untrusted" | "valid";

export type SignedDocumentKind = "pdf" | "detached_cms";

export type SignatureKind = "signature" | "document_timestamp";

export type CertificateSummary = { 
/**
 * Subject common name.
 */
commonName: string | null, 
/**
 * Subject given name.
 */
givenName: string | null, 
/**
 * Subject surname(s).
 */
surname: string | null, 
/**
 * Subject serialNumber: the ID number, e.g. `IDCES-12345678Z`.
 */
idNumber: string | null, 
/**
 * Subject e-mail address (subject attribute or subjectAltName).
 */
email: string | null, 
/**
 * Subject organization.
 */
organization: string | null, 
/**
 * Subject country.
 */
country: string | null, 
/**
 * The whole subject, RFC 4514.
 */
subject: string, 
/**
 * The whole issuer, RFC 4514.
 */
issuer: string, 
/**
 * The issuer's common name.
 */
issuerCommonName: string | null, 
/**
 * Certificate serial number, upper-case hex.
 */
serialNumber: string, 
/**
 * Start of validity, RFC 3339 UTC.
 */
notBefore: string, 
/**
 * End of validity, RFC 3339 UTC.
 */
notAfter: string, 
/**
 * The certificate carries the EU qualified-certificate statement (QcCompliance).
 */
qualified: boolean, };

export type ClaimedSigningTimeSource = "pdf_signature_dictionary" | "signing_time_attribute";

export type ClaimedSigningTime = { 
/**
 * RFC 3339 UTC.
 */
time: string, 
/**
 * Where the claim was read.
 */
source: ClaimedSigningTimeSource, };

export type SignatureIntegrity = { "status": "ok" } | { "status": "digest_mismatch", 
/**
 * Why, in plain words.
 */
reason: string, } | { "status": "signature_invalid", 
/**
 * Why, in plain words.
 */
reason: string, } | { "status": "malformed", 
/**
 * Why, in plain words.
 */
reason: string, };

export type SignatureTrust = { "status": "trusted", 
/**
 * The trust root's name.
 */
anchor: string, } | { "status": "untrusted_root", 
/**
 * Why, in plain words.
 */
reason: string, } | { "status": "chain_broken", 
/**
 * Why, in plain words.
 */
reason: string, } | { "status": "expired", 
/**
 * Why, in plain words.
 */
reason: string, } | { "status": "wrong_usage", 
/**
 * Why, in plain words.
 */
reason: string, } | { "status": "not_checked", 
/**
 * Why, in plain words.
 */
reason: string, };

export type TimestampReport = { 
/**
 * The time the authority vouches for, RFC 3339 UTC (when readable).
 */
time: string | null, 
/**
 * The time-stamping authority's name.
 */
authority: string | null, 
/**
 * Whether the token is intact and covers this signature.
 */
integrity: SignatureIntegrity, 
/**
 * Whether the authority's certificate chains to a trusted root.
 */
trust: SignatureTrust, };

export type PadesLevel = "none" | "B-B" | "B-T" | "B-LT" | "B-LTA";

export type SignatureReport = { 
/**
 * A signature by a person, or a document timestamp by a TSA.
 */
kind: SignatureKind, 
/**
 * The PDF signature field's name, e.g. `Signature1`.
 */
fieldName: string | null, 
/**
 * The PDF `/SubFilter`, e.g. `ETSI.CAdES.detached`.
 */
subFilter: string | null, 
/**
 * The signer's certificate (the TSA's for a document timestamp), when found.
 */
signer: CertificateSummary | null, 
/**
 * The time the signer claims; nothing proves it (see `timestamp`).
 */
claimedSigningTime: ClaimedSigningTime | null, 
/**
 * The signature timestamp: proof the signature existed at that time.
 */
timestamp: TimestampReport | null, 
/**
 * Whether the signed bytes are unchanged and the signature value is right.
 */
integrity: SignatureIntegrity, 
/**
 * Whether the signer's certificate chains to a trusted root.
 */
trust: SignatureTrust, 
/**
 * Whether this signature covers the whole file (for a PDF: nothing was
 * appended after it). Earlier signatures of a PDF signed several times do
 * not; the last one must.
 */
coversWholeFile: boolean, 
/**
 * How many bytes of the file this signature covers, its `/Contents` included.
 */
signedLength: number, 
/**
 * The PAdES baseline level the signature reaches in structure.
 */
padesLevel: PadesLevel, 
/**
 * The digest algorithm, e.g. `SHA-256`.
 */
digestAlgorithm: string | null, 
/**
 * The signature algorithm, e.g. `ECDSA with SHA-256`.
 */
signatureAlgorithm: string | null, };

export type VerificationReport = { 
/**
 * What kind of document was checked.
 */
document: SignedDocumentKind, 
/**
 * The overall verdict; [`VerificationVerdict::Valid`] only when every check passed.
 */
verdict: VerificationVerdict, 
/**
 * Size of the checked file in bytes (the original file for a detached CMS).
 */
fileSize: number, 
/**
 * For a PDF: a Document Security Store (validation data for the long term)
 * is present. Its contents are not checked.
 */
hasValidationData: boolean, 
/**
 * One entry per signature and document timestamp, in signing order.
 */
signatures: Array<SignatureReport>, };

export type FileDigest = { 
/**
 * The file.
 */
path: string, 
/**
 * Its name.
 */
fileName: string, 
/**
 * Its size.
 */
byteSize: number, 
/**
 * SHA-256, lower-case hex.
 */
sha256: string, };

export type SignatureBeside = { 
/**
 * The signed file.
 */
source: string, 
/**
 * The `.p7m` next to it.
 */
signature: string, };

export type VideoIdQueueEntry = { 
/**
 * The station's request.
 */
request: RequestId, 
/**
 * The Optimizer's pk.
 */
optimizerPk: number, 
/**
 * The Optimizer's status word.
 */
status: string, 
/**
 * Who is being identified.
 */
signer: string, 
/**
 * The Registration Authority, when known.
 */
registrationAuthority: string | null, 
/**
 * When the request was created (UTC, RFC 3339).
 */
createdAt: string, 
/**
 * Seconds since creation, when the queue was read.
 */
ageSeconds: number, 
/**
 * When its status last changed.
 */
updatedAt: string, };

export type ReviewPictureKind = "document_front" | "document_rear" | "document_photo" | "document_owner";

export type ReviewPicture = { 
/**
 * Which picture.
 */
kind: ReviewPictureKind, 
/**
 * `data:image/…;base64,…`.
 */
dataUrl: string, };

export type ReviewVideo = "none" | "station" | "optimizer";

export type VideoIdReview = { 
/**
 * The request, with the signer's data as the officer entered it.
 */
request: SignatureRequestView, 
/**
 * What the identification read from the document, when known.
 */
read: EvidenceOcr | null, 
/**
 * Pictures of the document and the signer.
 */
pictures: Array<ReviewPicture>, 
/**
 * The checks the Video ID platform made, when known.
 */
securityChecks: EvidenceChecks | null, 
/**
 * Face similarity, a score 0–100 or a word such as `high`, when known.
 */
similarityLevel: string | null, 
/**
 * Where the session's video can be fetched from.
 */
video: ReviewVideo, };

export type SignerCorrection = { 
/**
 * Given name.
 */
givenName: string | null, 
/**
 * First surname.
 */
surname1: string | null, 
/**
 * Second surname.
 */
surname2: string | null, 
/**
 * Birth date as the Optimizer expects it.
 */
birthDate: string | null, 
/**
 * Mobile phone number.
 */
mobilePhoneNumber: string | null, 
/**
 * Document number.
 */
serialNumber: string | null, 
/**
 * E-mail; the current one is kept when empty.
 */
email: string | null, 
/**
 * Document country, ISO 3166-1 alpha-2; the current one is kept when empty.
 */
countryName: string | null, };

export type AuditAction = "create" | "upload" | "contract_shown" | "otp_sent" | "sign" | "approve" | "refuse" | "cancel" | "update" | "delete" | "backup";

export type AuditOutcome = "succeeded" | "failed";

export type DocumentDigest = { 
/**
 * The document's file name.
 */
name: string, 
/**
 * Lowercase hex SHA-256.
 */
sha256: string, };

export type AuditEntry = { 
/**
 * Position in the trail, from 1, without gaps.
 */
seq: number, 
/**
 * When, UTC with its offset (RFC 3339, microseconds).
 */
at: string, 
/**
 * The RAO id of the officer.
 */
officer: string, 
/**
 * What was done.
 */
action: AuditAction, 
/**
 * The station's request, when the action concerns one.
 */
request: RequestId | null, 
/**
 * The Optimizer's pk of the request, when known.
 */
optimizerPk: number | null, 
/**
 * Digests of the documents before the action.
 */
digestsBefore: Array<DocumentDigest>, 
/**
 * Digests of the documents after the action.
 */
digestsAfter: Array<DocumentDigest>, 
/**
 * How it ended.
 */
outcome: AuditOutcome, 
/**
 * Reasons, notes, error codes.
 */
details: string | null, 
/**
 * The hash of the entry before (zeros for the first).
 */
prevHash: string, 
/**
 * SHA-256 of this entry's canonical encoding, lowercase hex.
 */
hash: string, };

export type AuditProblem = { "kind": "edited", 
/**
 * The entry.
 */
seq: number, } | { "kind": "removed", 
/**
 * The first entry after the gap.
 */
seq: number, } | { "kind": "reordered", 
/**
 * The entry.
 */
seq: number, } | { "kind": "truncated", 
/**
 * The newest entry recorded.
 */
recordedHead: number, 
/**
 * The newest entry present.
 */
presentHead: number, };

export type AuditVerification = { 
/**
 * True when no problem was found.
 */
valid: boolean, 
/**
 * Entries read.
 */
entries: number, 
/**
 * Every problem found, in trail order.
 */
problems: Array<AuditProblem>, };

export type AuditExportFormat = "json" | "csv";

/** Event carrying a ConnectionOverview whenever the connection state changes. */
export const CONNECTION_CHANGED_EVENT = "connection-changed";

/** Event carrying a StationEvent whenever a signature request moves. */
export const STATION_EVENT = "station-event";

/** Every stable error code the backend can answer. */
export const ERROR_CODES = [
  "store.no_data_dir",
  "store.data_dir",
  "store.database",
  "store.migration",
  "store.corrupt",
  "connection.invalid_url",
  "connection.incomplete_client_identity",
  "connection.unreadable_file",
  "connection.invalid_tls_material",
  "connection.tls_untrusted",
  "connection.tls_expired",
  "connection.tls_not_yet_valid",
  "connection.tls_wrong_host",
  "connection.tls_bad_certificate",
  "connection.tls_client_certificate",
  "connection.tls_handshake",
  "sandbox.start_failed",
  "optimizer.unreachable",
  "optimizer.timeout",
  "optimizer.connection_lost",
  "optimizer.forbidden",
  "optimizer.not_found",
  "optimizer.server_error",
  "optimizer.rejected",
  "optimizer.bad_answer",
  "optimizer.invalid_input",
  "optimizer.file",
  "optimizer.failed",
  "input.required",
  "signin.unknown_token",
  "signin.invalid_credentials",
  "signin.required",
  "vault.keyring",
  "internal.task",
  "verification.not_a_pdf",
  "verification.no_signature",
  "verification.not_a_signature",
  "verification.unreadable_document",
  "verification.invalid_trust_bundle",
  "identity.invalid",
  "workflow.unknown_request",
  "workflow.not_expected",
  "workflow.other_optimizer",
  "workflow.no_documents",
  "workflow.invalid_document",
  "workflow.wrong_code",
  "workflow.not_signed",
  "workflow.async_sign_failed",
  "backup.not_verified",
  "backup.io",
  "backup.no_trust",
  "backup.sandbox_trust",
  "audit.export",
  "webhook.bind",
  "id_image.unsupported_format",
  "id_image.file_too_large",
  "id_image.too_many_pixels",
  "id_image.bad_aspect_ratio",
  "id_image.corrupt",
  "id_image.processing_failed",
  "id_image.crop_outside",
  "admin.invalid_oid",
  "admin.signature_image",
  "admin.token_protected",
  "sandbox_phone.not_sandbox",
  "sandbox_phone.failed",
  "pdf.engine_unavailable",
  "pdf.not_a_pdf",
  "pdf.truncated",
  "pdf.unreadable",
  "pdf.password_protected",
  "pdf.encrypted",
  "pdf.no_pages",
  "pdf.page_out_of_range",
  "pdf.invalid_render_size",
  "pdf.render_failed",
  "pdf.worker_stopped",
  "pdf.took_too_long",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Every issue code of the signer's data checks. */
export const IDENTITY_ISSUE_CODES = [
  "identity.required",
  "identity.too_long",
  "identity.name_invalid_character",
  "identity.name_no_letter",
  "identity.dni_format",
  "identity.dni_check_letter",
  "identity.nie_format",
  "identity.nie_check_letter",
  "identity.passport_format",
  "identity.document_number_format",
  "identity.country_unknown",
  "identity.email_invalid",
  "identity.phone_prefix_missing",
  "identity.phone_format",
  "identity.phone_country_code_unknown",
  "identity.phone_invalid",
  "identity.phone_not_mobile",
] as const;

/** Every quality hint about an ID picture. */
export const ID_IMAGE_HINT_CODES = [
  "id_image.too_small",
  "id_image.blurred",
  "id_image.too_dark",
  "id_image.too_bright",
] as const;
