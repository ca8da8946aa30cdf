// Tests talk only to servers on loopback; the engine's HTTP client must not route them through a proxy.
process.env.NO_PROXY = '127.0.0.1,localhost';
process.env.no_proxy = '127.0.0.1,localhost';
