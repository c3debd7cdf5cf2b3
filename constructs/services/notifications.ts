import type { App } from '../core/app';
import { EplConstruct } from '../core/epl-construct';
import { checkProps } from '../core/props';
import { container } from '../storage/containers';
import type { AlertGroup } from './alerts';

export interface TelegramBotProps {
  /**
   * The name of your secret that holds the bot's token (as BotFather gave it): set it with
   * `epl secrets set custom/<tokenSecret>`. The token goes from the secrets file to Vault, and
   * from Vault to the Alertmanagers; it is never written into a generated file outside the
   * secret bundles.
   */
  readonly tokenSecret: string;
}

/** A Telegram bot that Alertmanagers send notifications through. The id is its kebab-case name; declare it on the App (it goes under `telegram-bots/`). */
export class TelegramBot extends EplConstruct {
  readonly botName: string;
  readonly tokenSecret: string;

  constructor(scope: App, name: string, props: TelegramBotProps) {
    super(container(scope, 'telegram-bots'), name);
    props = checkProps(this, 'TelegramBotProps', props);
    this.botName = name;
    this.tokenSecret = props.tokenSecret;
  }
}

export interface TelegramChannelProps {
  /** The chat's id, as Telegram's API gives it (channels and groups have negative ids). */
  readonly chatId: number;
}

/** A Telegram chat (channel, group or user) that notifications go to. The id is its kebab-case name; declare it on the App (it goes under `telegram-channels/`). */
export class TelegramChannel extends EplConstruct {
  readonly channelName: string;
  readonly chatId: number;

  constructor(scope: App, name: string, props: TelegramChannelProps) {
    super(container(scope, 'telegram-channels'), name);
    props = checkProps(this, 'TelegramChannelProps', props);
    this.channelName = name;
    this.chatId = props.chatId;
  }
}

export interface WebhookReceiverProps {
  /**
   * The URL (http or https) Alertmanager POSTs its JSON notifications to, when it holds no
   * secret. Give exactly one of `url` and `urlSecret`.
   * @default - none: `urlSecret`
   */
  readonly url?: string;
  /**
   * The name of your secret that holds the URL, for URLs that carry a token (most chat
   * services' incoming webhooks): set it with `epl secrets set custom/<urlSecret>`. It travels
   * like a Telegram bot's token.
   * @default - none: `url`
   */
  readonly urlSecret?: string;
  /** Whether resolved alerts are sent too. @default true */
  readonly sendResolved?: boolean;
}

/** An HTTP endpoint that receives Alertmanager's webhook notifications. The id is its kebab-case name; declare it on the App (it goes under `webhooks/`). */
export class WebhookReceiver extends EplConstruct {
  readonly receiverName: string;
  readonly url: string | undefined;
  readonly urlSecret: string | undefined;
  readonly sendResolved: boolean;

  constructor(scope: App, name: string, props: WebhookReceiverProps) {
    super(container(scope, 'webhooks'), name);
    props = checkProps(this, 'WebhookReceiverProps', props);
    this.receiverName = name;
    this.url = props.url;
    this.urlSecret = props.urlSecret;
    this.sendResolved = props.sendResolved ?? true;
  }
}

/** A Telegram destination: a bot and the chat it posts to. */
export interface TelegramTarget {
  readonly bot: TelegramBot;
  readonly channel: TelegramChannel;
}

/** An alert group a monitoring cluster evaluates, and where its alerts are sent. */
export interface AlertRouting {
  /** The group the cluster's Prometheus evaluates. */
  readonly group: AlertGroup;
  /** The Telegram chat its alerts go to, through a bot. @default - none */
  readonly telegram?: TelegramTarget;
  /** Webhooks its alerts go to. @default - none */
  readonly webhooks?: readonly WebhookReceiver[];
}
