// Small page-wide helpers, loaded as a classic script on every page (static and interactive).
window.digitforge = {
  // Light/dark mode: a cookie the server reads when it renders the layout, then a reload so every part follows it.
  toggleTheme() {
    const dark = document.cookie.split('; ').includes('digitforge-theme=dark');
    document.cookie = `digitforge-theme=${dark ? 'light' : 'dark'}; path=/; max-age=31536000; samesite=lax`;
    location.reload();
  },
};

// One listener for the whole document: the button is re-rendered by Blazor, and inline onclick handlers are blocked by
// the Content-Security-Policy.
document.addEventListener('click', (event) => {
  if (event.target instanceof Element && event.target.closest('#theme-toggle')) {
    window.digitforge.toggleTheme();
  }
});
