/** Props every page under a bot receives (see README: "Where to plug in"). */
export interface BotPageProps {
  botKey: string;
  /** Query parameters of the route, e.g. `?flow=pre_sale` on the versions page. */
  query: Record<string, string>;
}

/** The inbox also opens outside a bot (agents see every bot's handoffs). */
export interface InboxPageProps {
  botKey?: string;
}
