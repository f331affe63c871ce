// The region every bench item works in (the demo data's first region).
export const BENCH_REGION = 'us-east-1';
