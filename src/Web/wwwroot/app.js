// Small page-wide helpers, loaded as a classic script on every page (static and interactive).
window.digitforge = {
  // Light/dark mode: a cookie the server reads when it renders the layout, then a reload so every part follows it.
  toggleTheme() {
    const dark = document.cookie.split('; ').includes('digitforge-theme=dark');
    document.cookie = `digitforge-theme=${dark ? 'light' : 'dark'}; path=/; max-age=31536000; samesite=lax`;
    location.reload();
  },
};
