// The player's bearer token, kept in localStorage so a reload or a new tab stays signed in.

const TOKEN_KEY = "bodyweight.token";

export function storedToken() {
  return localStorage.getItem(TOKEN_KEY);
}

export function rememberToken(token) {
  localStorage.setItem(TOKEN_KEY, token);
}

export function forgetToken() {
  localStorage.removeItem(TOKEN_KEY);
}
