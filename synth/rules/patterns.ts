/**
 * Name formats shared by several rules. Names reach DNS zones, file paths, shell commands and
 * generated code, so a name never starts or ends with a dash or an underscore (a leading dash
 * reads as an option), and never has two in a row.
 */
export const KEBAB_CASE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const SNAKE_CASE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
export { DNS_LABEL, NAME_SERVER_LABEL } from '../../lib/formats/dns';
