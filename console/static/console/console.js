/* The contactcenter site's behaviour: keyboard first, copy buttons, and cards whose state
 * *now* follows the clock without a reload.
 *
 * Plain JavaScript rather than htmx: the only server round trip is one small fetch of the
 * cards' changing parts at the moment the next one changes (a slot opens or closes, an
 * exception starts or ends, midnight). That takes a few lines with fetch and DOMParser,
 * while htmx would add a library of some 50 kB to every card page (the card page must stay
 * lean) and the keyboard and copy behaviour need their own code anyway. Loaded from this
 * static file only: the policy allows scripts from 'self' and no inline code.
 */
(function () {
    "use strict";

    var SAFETY_RETRY_MS = 60000;
    var SAFETY_REFRESH_S = 300; // as points.schedules.SAFETY_REFRESH_SECONDS
    var AFTER_CHANGE_MS = 300; // ask just after the moment, so the server sees the new state
    var COPIED_MS = 2000;
    var LIST_LINKS = ".results a, ul.items a";

    function searchBox() {
        return document.getElementById("console-q");
    }

    function isTyping(element) {
        if (!element) return false;
        var tag = element.tagName;
        return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || element.isContentEditable;
    }

    function visible(element) {
        return element.getClientRects().length > 0;
    }

    function listLinks() {
        return Array.prototype.filter.call(document.querySelectorAll(LIST_LINKS), visible);
    }

    function focusSearch() {
        var box = searchBox();
        if (!box) return false;
        box.focus();
        box.select();
        return true;
    }

    function moveThroughList(step) {
        var links = listLinks();
        if (links.length === 0) return false;
        var active = document.activeElement;
        var index = links.indexOf(active);
        if (index === -1) {
            if (step < 0) return false;
            links[0].focus();
            return true;
        }
        var next = index + step;
        if (next < 0) return focusSearch();
        links[Math.min(next, links.length - 1)].focus();
        return true;
    }

    function onCardPage() {
        return document.querySelector("article.card[data-point]") !== null;
    }

    function backToResults() {
        var referrer = document.referrer;
        var results = window.location.origin + "/contactcenter/?";
        if (referrer.indexOf(results) === 0 && window.history.length > 1) {
            window.history.back();
            return;
        }
        var box = searchBox();
        if (box && box.value.trim()) {
            box.form.submit();
        }
    }

    function onKeyDown(event) {
        if (event.ctrlKey || event.metaKey || event.altKey) return;
        var active = document.activeElement;
        var box = searchBox();
        if (event.key === "/" && !isTyping(active)) {
            if (focusSearch()) event.preventDefault();
        } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
            if (isTyping(active) && active !== box) return;
            if (moveThroughList(event.key === "ArrowDown" ? 1 : -1)) event.preventDefault();
        } else if (event.key === "Escape") {
            if (active === box) {
                if (onCardPage()) backToResults();
            } else if (!(active && active.closest && active.closest("details[open]"))) {
                focusSearch();
            }
        }
    }

    /* Copy buttons: shown only when this script runs. */
    function copyText(text) {
        if (navigator.clipboard && window.isSecureContext) {
            return navigator.clipboard.writeText(text);
        }
        var field = document.createElement("textarea");
        field.value = text;
        field.setAttribute("readonly", "");
        field.style.position = "absolute";
        field.style.left = "-9999px";
        document.body.appendChild(field);
        field.select();
        var done = document.execCommand("copy");
        document.body.removeChild(field);
        return done ? Promise.resolve() : Promise.reject(new Error("copy"));
    }

    function setUpCopyButtons(root) {
        Array.prototype.forEach.call(root.querySelectorAll("button.copy[data-copy]"), function (button) {
            var label = button.textContent;
            button.hidden = false;
            button.addEventListener("click", function () {
                copyText(button.getAttribute("data-copy")).then(
                    function () { button.textContent = "Gekopieerd"; },
                    function () { button.textContent = "Kopiëren lukte niet"; }
                ).then(function () {
                    window.setTimeout(function () { button.textContent = label; }, COPIED_MS);
                });
            });
        });
    }

    /* Cards: the parts marked data-now are fetched again when the first of them changes. */
    var timer = null;

    function liveCards() {
        return Array.prototype.slice.call(document.querySelectorAll("article.card[data-now-url]"));
    }

    function schedule() {
        var cards = liveCards();
        if (cards.length === 0) return;
        var seconds = Math.min.apply(null, cards.map(function (card) {
            var value = parseInt(card.getAttribute("data-refresh-in"), 10);
            return isNaN(value) || value < 1 ? 1 : value;
        }));
        window.clearTimeout(timer);
        timer = window.setTimeout(refresh, seconds * 1000 + AFTER_CHANGE_MS);
    }

    function swapParts(card, fresh) {
        Array.prototype.forEach.call(fresh.querySelectorAll("[data-now]"), function (part) {
            var current = card.querySelector('[data-now="' + part.getAttribute("data-now") + '"]');
            if (current && current.innerHTML !== part.innerHTML) {
                current.innerHTML = part.innerHTML;
            }
        });
        card.setAttribute("data-refresh-in", fresh.getAttribute("data-refresh-in") || "60");
    }

    function refresh() {
        var cards = liveCards();
        if (cards.length === 0) return;
        var query = cards.map(function (card) {
            return "id=" + encodeURIComponent(card.getAttribute("data-point"));
        }).join("&");
        fetch(cards[0].getAttribute("data-now-url") + "?" + query, {
            credentials: "same-origin",
            headers: { "Accept": "text/html" }
        }).then(function (response) {
            if (!response.ok) throw new Error(String(response.status));
            return response.text();
        }).then(function (html) {
            var fragment = new DOMParser().parseFromString(html, "text/html");
            cards.forEach(function (card) {
                var fresh = fragment.querySelector(
                    '[data-point="' + card.getAttribute("data-point") + '"]'
                );
                if (fresh) {
                    swapParts(card, fresh);
                } else {
                    // No longer published: keep what it shows, ask again at the safety pace.
                    card.setAttribute("data-refresh-in", String(SAFETY_REFRESH_S));
                }
            });
            schedule();
        }).catch(function () {
            window.clearTimeout(timer);
            timer = window.setTimeout(refresh, SAFETY_RETRY_MS);
        });
    }

    function start() {
        document.addEventListener("keydown", onKeyDown);
        // A hidden tab's timers are slowed down: catch up as soon as the agent is back.
        document.addEventListener("visibilitychange", function () {
            if (document.visibilityState === "visible") refresh();
        });
        setUpCopyButtons(document);
        schedule();
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
}());
