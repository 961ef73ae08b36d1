/** Whatever the application attaches to a Worker, Router, transport, Producer or Consumer; never sent to the media plane. */
export type AppData = Record<string, unknown>;
