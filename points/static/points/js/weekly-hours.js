// The weekly phone-hours editor: add, remove and copy slots in place, no page reload.
// Each slot is a pair of text inputs named <field>__<day>__start / __end, always 24-hour
// HH:MM (a browser's time input shows 13:00 as "01:00" under a 12-hour locale); the server
// reads them in document order, so no renumbering is needed, and understands 9 and 930 too.
(() => {
  function register() {
    if (!window.wagtail || !window.wagtail.app || !window.StimulusModule) {
      return false;
    }
    class WeeklyHoursController extends window.StimulusModule.Controller {
      static targets = ['day', 'slot'];

      add(event) {
        const day = event.target.closest('fieldset');
        const slot = this.appendSlot(day, '', '');
        slot.querySelector('input').focus();
        this.changed();
      }

      remove(event) {
        const day = event.target.closest('fieldset');
        event.target.closest('.weekly-hours__slot').remove();
        this.showClosedWhenEmpty(day);
        this.changed();
      }

      copyPrevious(event) {
        const day = event.target.closest('fieldset');
        const index = this.dayTargets.indexOf(day);
        const previous = this.dayTargets[index - 1];
        if (!previous) return;
        this.slotsOf(day).forEach((slot) => slot.remove());
        this.slotsOf(previous).forEach((slot) => {
          const [start, end] = slot.querySelectorAll('input');
          this.appendSlot(day, start.value, end.value);
        });
        this.showClosedWhenEmpty(day);
        this.changed();
      }

      slotsOf(day) {
        return Array.from(day.querySelectorAll('.weekly-hours__slot'));
      }

      appendSlot(day, start, end) {
        const container = day.querySelector('.weekly-hours__slots');
        const closed = container.querySelector('.weekly-hours__closed');
        if (closed) closed.remove();
        const label = day.querySelector('legend').textContent.trim();
        const slot = this.slotTarget.content.firstElementChild.cloneNode(true);
        const [startInput, endInput] = slot.querySelectorAll('input');
        startInput.name = day.dataset.startName;
        startInput.value = start;
        startInput.setAttribute('aria-label', `${label} van`);
        endInput.name = day.dataset.endName;
        endInput.value = end;
        endInput.setAttribute('aria-label', `${label} tot`);
        container.append(slot);
        return slot;
      }

      // 9 -> 09:00, 930 -> 09:30, 9.30 / 9u30 -> 09:30 (the server does the same).
      tidy(event) {
        const input = event.target;
        let text = input.value.trim();
        if (/^\d{3,4}$/.test(text)) text = `${text.slice(0, -2)}:${text.slice(-2)}`;
        const match = /^(\d{1,2})(?:[:.uh](\d{2})?)?$/i.exec(text);
        if (match) input.value = `${match[1].padStart(2, '0')}:${match[2] || '00'}`;
      }

      showClosedWhenEmpty(day) {
        const container = day.querySelector('.weekly-hours__slots');
        if (container.querySelector('.weekly-hours__slot')) return;
        const closed = document.createElement('p');
        closed.className = 'weekly-hours__closed';
        closed.textContent = 'Niet bereikbaar';
        container.append(closed);
      }

      changed() {
        // Let Wagtail's unsaved-changes warning and autosave notice the edit.
        this.element.dispatchEvent(new Event('change', { bubbles: true }));
      }
    }
    window.wagtail.app.register('weekly-hours', WeeklyHoursController);
    return true;
  }

  if (!register()) {
    document.addEventListener('DOMContentLoaded', register, { once: true });
  }
})();
