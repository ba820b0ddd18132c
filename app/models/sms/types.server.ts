/** An answer to an inbound SMS: the template `sms:reply.<name>` and its values. */
export type SmsReply = { name: string; values?: Record<string, unknown> };
