// Shared by the pages and the messages, without zod or the database: the browser imports it too.

/** The page where a reset code is typed; the SMS and the e-mail link to it. */
export const RESET_PATH = "/nouveau-mot-de-passe";
/** The query parameter of the e-mail's link that carries its token. */
export const RESET_TOKEN_PARAM = "jeton";
