// The numbers people dial or text to reach Baara without the web: set by the
// operator's agreement (USSD_CODE, SMS_NUMBER); the defaults are the demo's.
export type ChannelNumbers = { ussdCode: string; smsNumber: string };

export function channelNumbers(env: Record<string, string | undefined> = process.env): ChannelNumbers {
  return { ussdCode: env.USSD_CODE || "*384*22#", smsNumber: env.SMS_NUMBER || "36 22" };
}
