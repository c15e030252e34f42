// Keeps the job panel of a run page current while its job is queued or running: the page is re-rendered on the
// server and only the panel is swapped in (results table, child runs, status), every 3 s until the job ends.
const panel = document.getElementById('job-panel');
const live = s => s === 'QUEUED' || s === 'RUNNING';
if (panel && live(panel.dataset.jobStatus)) {
  const poll = async () => {
    try {
      const response = await fetch(location.href, { headers: { 'Accept': 'text/html' } });
      if (response.ok) {
        const html = new DOMParser().parseFromString(await response.text(), 'text/html');
        const fresh = html.getElementById('job-panel');
        const current = document.getElementById('job-panel');
        if (fresh && current) {
          current.replaceWith(fresh);
          if (!live(fresh.dataset.jobStatus)) return;
        }
      }
    } catch {
      // Server restarting: try again at the next tick.
    }
    setTimeout(poll, 3000);
  };
  setTimeout(poll, 3000);
}
