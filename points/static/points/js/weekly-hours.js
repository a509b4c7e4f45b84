// The weekly phone-hours editor: add, remove and copy slots in place, no page reload.
// Each slot is a pair of <input type="time"> named <field>__<day>__start / __end; the
// server reads them in document order, so no renumbering is needed.
(() => {
  function register() {
    if (!window.wagtail || !window.wagtail.app || !window.StimulusModule) {
      return false;
    }
    class WeeklyHoursController extends window.StimulusModule.Controller {
      static targets = ['day'];

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
        const slot = document.createElement('div');
        slot.className = 'weekly-hours__slot';
        slot.append(
          this.timeInput(day.dataset.startName, start, 'van', `${label} van`),
          this.timeInput(day.dataset.endName, end, 'tot', `${label} tot`),
          this.removeButton(),
        );
        container.append(slot);
        return slot;
      }

      timeInput(name, value, text, ariaLabel) {
        const label = document.createElement('label');
        const input = document.createElement('input');
        input.type = 'time';
        input.name = name;
        input.value = value;
        input.setAttribute('aria-label', ariaLabel);
        label.append(`${text} `, input);
        return label;
      }

      removeButton() {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'button button-small button-secondary no';
        button.dataset.action = 'weekly-hours#remove';
        button.textContent = 'Verwijderen';
        return button;
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
