// How long each interaction takes, measured inside the page with the Performance API: from the user's event
// (a click, a form's submit, a changed select, at the event's own timeStamp) to the moment the requests it
// started have all been answered and the page has painted what they brought. The first load counts from the
// navigation's start. Each one is a performance.measure named "mf:<what>" (the browser tests read them and
// write them to timings.json; nothing is sent anywhere). An interaction that asks the server nothing is not
// measured.

interface Open {
  name: string;
  start: number;
  asked: boolean;
}

let open: Open | null = { name: 'load', start: 0, asked: false };
let inFlight = 0;
let settling = false;

function describe(event: Event): string {
  const target = event.target instanceof Element ? event.target : null;
  if (event.type === 'submit' && target) {
    const heading = document.getElementById(target.getAttribute('aria-labelledby') ?? '');
    return 'submit ' + (heading?.textContent || target.getAttribute('aria-label') || target.className || 'form').slice(0, 60);
  }
  const control = target?.closest('button, a, select, input, summary');
  const text = control?.getAttribute('aria-label') || control?.textContent?.trim() || control?.id || event.type;
  return event.type + ' ' + text.slice(0, 60);
}

function begin(event: Event) {
  if (!event.isTrusted) return; // the page's own clicks (a download's link) are part of the interaction under way
  open = { name: describe(event), start: event.timeStamp, asked: false };
}

// The end of an interaction: no request in flight through two frames (so the answer's render and the requests
// its effects start are seen), then the measure.
function settle() {
  if (settling) return;
  settling = true;
  requestAnimationFrame(() =>
    requestAnimationFrame(() =>
      setTimeout(() => {
        settling = false;
        if (inFlight > 0 || !open?.asked) return;
        performance.measure('mf:' + open.name, { start: open.start, end: performance.now() });
        open = null;
      }, 0),
    ),
  );
}

export function requestStarted(): () => void {
  inFlight += 1;
  if (open) open.asked = true;
  return () => {
    inFlight -= 1;
    if (inFlight === 0) settle();
  };
}

if (typeof document !== 'undefined') {
  for (const type of ['click', 'submit', 'change']) document.addEventListener(type, begin, true);
  // A link followed, the browser's back button: the same, started by the route change.
  window.addEventListener('popstate', (event) => begin(event));
}
