"""The presentation's keyboard and full-screen control: a Custom Component v2 (no iframe, no CDN).

A CCv2 component runs in the app's own document, so it can listen for keys on the whole page:
→ ↓ PageDown Space go forward, ← ↑ PageUp Shift+Space go back, Home and End jump to the first
and last slide, F toggles full screen. Keys typed into a field, or Space/Enter on a focused
button or link, are left alone. Each key sends the slide it asks for (not "next"), so keys
pressed faster than the app reruns still add up: Streamlit merges queued state into the latest.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

_HTML = """
<button class="slide-fullscreen" type="button"></button>
"""

_CSS = """
.slide-fullscreen {
  font: inherit;
  font-size: 1rem;
  padding: 0.35rem 0.9rem;
  border-radius: 0.5rem;
  border: 1px solid var(--st-border-color, #c8d3d0);
  background: var(--st-secondary-background-color, #f1f5f4);
  color: var(--st-text-color, #1c2b28);
  cursor: pointer;
}
.slide-fullscreen:focus-visible { outline: 3px solid var(--st-primary-color, #0e6655); }
"""

_JS = """
const FORWARD = { ArrowRight: 1, ArrowDown: 1, PageDown: 1, " ": 1 }
const BACK = { ArrowLeft: -1, ArrowUp: -1, PageUp: -1 }
const TYPING = "input, textarea, select, [contenteditable=''], [contenteditable='true'], [role='combobox'], [role='slider']"
const PRESSING = "button, a, [role='button'], [role='tab'], [role='option']"

function wanted(event, slide, count) {
  if (event.key === "Home") return 0
  if (event.key === "End") return count - 1
  if (event.key === " " && event.shiftKey) return slide - 1
  if (event.key in FORWARD) return slide + FORWARD[event.key]
  if (event.key in BACK) return slide + BACK[event.key]
  return null
}

function toggleFullScreen() {
  if (document.fullscreenElement) return document.exitFullscreen()
  return document.documentElement.requestFullscreen().catch(() => null)
}

export default function (component) {
  const { data, parentElement, setStateValue } = component
  const button = parentElement.querySelector(".slide-fullscreen")
  const label = () => (document.fullscreenElement ? data.exit_label : data.enter_label)
  button.textContent = label()
  button.onclick = () => toggleFullScreen()
  document.onfullscreenchange = () => { button.textContent = label() }

  // One listener for the page: a rerun replaces it, so `data` is always the current slide.
  let pending = null
  if (window.__slideKeys) document.removeEventListener("keydown", window.__slideKeys)
  const onKey = (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return
    const target = event.target instanceof Element ? event.target : null
    if (target && target.closest(TYPING)) return
    if (event.key === "f" || event.key === "F") {
      event.preventDefault()
      toggleFullScreen()
      return
    }
    if (target && (event.key === " " || event.key === "Enter") && target.closest(PRESSING)) return
    const from = pending ?? data.slide
    let next = wanted(event, from, data.count)
    if (next === null) return
    event.preventDefault()
    next = Math.max(0, Math.min(data.count - 1, next))
    if (next === from) return
    pending = next
    setStateValue("move", { slide: next, sent: Date.now() })
  }
  window.__slideKeys = onKey
  document.addEventListener("keydown", onKey)
  // Each slide opens at its top: Streamlit scrolls inside its main area, not the window.
  const main = document.querySelector('[data-testid="stMain"]')
  if (main && main.dataset.slide !== String(data.slide)) {
    main.dataset.slide = String(data.slide)
    main.scrollTo({ top: 0 })
  }
  document.documentElement.dataset.slideKeys = "ready"
  return () => {
    document.removeEventListener("keydown", onKey)
    if (window.__slideKeys === onKey) window.__slideKeys = null
  }
}
"""

_COMPONENT = st.components.v2.component("yala_slide_keys", html=_HTML, css=_CSS, js=_JS)


def slide_keys(
    *, slide: int, count: int, enter_label: str, exit_label: str, key: str, on_move: Callable[[int], None]
) -> None:
    """Mount the keyboard listener and the full-screen button; `on_move(index)` runs before the
    rerun that a key press causes, with the 0-based slide the key asked for."""

    def moved() -> None:
        asked = (st.session_state.get(key) or {}).get("move") or {}
        if isinstance(asked.get("slide"), int):
            on_move(asked["slide"])

    _COMPONENT(
        key=key,
        data={"slide": slide, "count": count, "enter_label": enter_label, "exit_label": exit_label},
        on_move_change=moved,
        width="content",
    )
