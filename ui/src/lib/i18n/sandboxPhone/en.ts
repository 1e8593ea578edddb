// English messages of the sandbox phone: the reference keys of this area.
export const en = {
  'sandboxPhone.open': 'Sandbox phone',
  'sandboxPhone.title': 'Sandbox phone',
  'sandboxPhone.close': 'Close',
  'sandboxPhone.intro':
    "What the signer's phone would receive from the embedded sandbox, and the signer's side of a Video ID session. Test data only.",
  'sandboxPhone.request': 'Request number',
  'sandboxPhone.request.hint': 'Leave empty to see the messages of every request.',
  'sandboxPhone.request.invalid': 'Type the request number in digits only.',
  'sandboxPhone.inbox': 'Messages',
  'sandboxPhone.loading': 'Reading the messages…',
  'sandboxPhone.empty': 'No message has been sent yet.',
  'sandboxPhone.channel.sms': 'SMS',
  'sandboxPhone.channel.whatsapp': 'WhatsApp',
  'sandboxPhone.to': 'to {to}',
  'sandboxPhone.code': 'Code:',
  'sandboxPhone.sentAt': 'Request {request} · {time}',
  'sandboxPhone.videoId': 'Video ID session',
  'sandboxPhone.videoId.hint':
    'Ends the Video ID session of the request number above as the signer would.',
  'sandboxPhone.outcome.review': 'Complete (to review)',
  'sandboxPhone.outcome.incomplete': 'Leave unfinished',
  'sandboxPhone.outcome.error': 'Fail',
  'sandboxPhone.played.review': 'Request {request} now waits for review.',
  'sandboxPhone.played.incomplete': 'Request {request} is now incomplete.',
  'sandboxPhone.played.error': 'The Video ID session of request {request} failed.',
} as const;
