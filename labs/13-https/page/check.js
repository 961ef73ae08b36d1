// What the browser decided about this page: the features a secure context unlocks.
const show = (id, text, good) => {
  const cell = document.getElementById(id);
  cell.textContent = text;
  cell.className = good ? 'yes' : 'no';
};

show('origin', location.origin, true);
show('secure', String(window.isSecureContext), window.isSecureContext);
show('media', navigator.mediaDevices ? 'available' : 'undefined (no camera API here)', Boolean(navigator.mediaDevices));
show('subtle', globalThis.crypto?.subtle ? 'available' : 'undefined', Boolean(globalThis.crypto?.subtle));
show('clipboard', navigator.clipboard ? 'available' : 'undefined', Boolean(navigator.clipboard));

document.getElementById('camera').addEventListener('click', async () => {
  const result = document.getElementById('camera-result');
  try {
    if (!navigator.mediaDevices) throw new Error('navigator.mediaDevices is undefined: not a secure context');
    const stream = await navigator.mediaDevices.getUserMedia({ video: true });
    const video = document.getElementById('preview');
    video.srcObject = stream;
    video.hidden = false;
    result.textContent = 'camera on';
  } catch (error) {
    result.textContent = `refused: ${error.message}`;
  }
});
