// Stable frames: Ink changes its output in CI, and colour codes would make every assertion brittle.
delete process.env.CI;
delete process.env.NO_COLOR;
process.env.FORCE_COLOR = '0';
// Tests count requests: no detail cache carried between runs unless a test asks for one.
process.env.SPEX_CACHE_DIR = 'off';
// Tests never touch a real AWS configuration.
process.env.AWS_CONFIG_FILE = '/nonexistent/spex-test-config';
process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/spex-test-credentials';
delete process.env.AWS_PROFILE;
delete process.env.AWS_REGION;
delete process.env.AWS_DEFAULT_REGION;
delete process.env.AWS_ENDPOINT_URL;
delete process.env.AWS_ENDPOINT_URL_CLOUDCONTROL;
// Tests that build their own SDK clients (the emulator's) would print the SDK's Node 22 notice each time.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// Never let a credential chain fall through to the instance metadata service (a non-loopback address).
process.env.AWS_EC2_METADATA_DISABLED = 'true';
