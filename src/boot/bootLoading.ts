/**
 * index.html's loading state (`#boot-loading`, role=status): painted before any script runs,
 * removed once the app has mounted (its first commit), or when it could not start (its message
 * takes the page).
 */
export function removeBootLoading(): void {
  document.getElementById('boot-loading')?.remove();
}
