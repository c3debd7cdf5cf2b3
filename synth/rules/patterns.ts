/** Name formats shared by several rules. */
export const KEBAB_CASE = /^[a-z0-9-]+$/;
export const SNAKE_CASE = /^[a-z0-9_]+$/;
/** A DNS label as used for hostnames: letters, digits, inner dashes, at most 63 characters. */
export const DNS_LABEL = /^(?=.{1,63}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
