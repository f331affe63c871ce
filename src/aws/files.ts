// Where the AWS shared config and credentials files are, from the given environment (not process.env).

/** The shared files' paths from the given environment, as the SDK's loaders take them. */
export function fileOptions(env: NodeJS.ProcessEnv): { filepath?: string; configFilepath?: string } {
  return {
    ...(env.AWS_SHARED_CREDENTIALS_FILE ? { filepath: env.AWS_SHARED_CREDENTIALS_FILE } : {}),
    ...(env.AWS_CONFIG_FILE ? { configFilepath: env.AWS_CONFIG_FILE } : {}),
  };
}
