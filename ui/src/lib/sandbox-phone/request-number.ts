/** The request number typed in the phone, or null when the field is empty or not a number. */
export function requestNumber(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,15}$/.test(trimmed)) return null;
  return Number(trimmed);
}
