/** Where the dashboard lives, and its pages. */
export const ADMIN_PATH = '/admin';
export const SIGN_IN_PATH = `${ADMIN_PATH}/sign-in`;
export const KEYS_PATH = `${ADMIN_PATH}/api-keys`;
export const WEBHOOKS_PATH = `${ADMIN_PATH}/webhooks`;
export const PROFILE_PATH = `${ADMIN_PATH}/profile`;
