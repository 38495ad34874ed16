// Worker-thread body of the benchmark's 'bench.noop' job kind: returns at once, so timing it
// measures the job machinery alone (queue, thread start, persistence, events).
export async function run(input) {
  return input;
}
