// PostGraphile 5 targets Node 22+ and calls Promise.withResolvers (new in Node 22); without it
// every database-backed field fails on Node 20 with "Cannot read properties of undefined
// (reading 'items')". Loaded with `node --require` before PostGraphile's own code.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new this((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}
