/**
 * `npm start`: the SFU demo. The SFU itself (signaling, WebRtcTransport, Router)
 * is built in the course's later chapters; until it lands, say so plainly
 * rather than fail with a stack trace.
 */
console.log(`The SFU demo is not built yet: signaling and the web app come with chapter 14,
the SFU with the chapters after it (see README.md, "Road map").

Meanwhile, the course is ready to use:
  npm run lab            list the labs
  npm run grade          grade your exercises
`);
