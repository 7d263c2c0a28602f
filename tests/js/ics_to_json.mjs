// Second, independent iCalendar parser for the tests: ical.js (Mozilla's, used by Thunderbird).
// Prints, for each file given, its events as JSON: times as ical.js itself understands them,
// after registering the file's own VTIMEZONE components (nothing from the system's zone data).
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const out = {};
for (const path of process.argv.slice(2)) {
  const calendar = new ICAL.Component(ICAL.parse(readFileSync(path, "utf8")));
  for (const zone of calendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(zone);
  }
  out[path] = {
    name: calendar.getFirstPropertyValue("x-wr-calname"),
    events: calendar.getAllSubcomponents("vevent").map((component) => {
      const event = new ICAL.Event(component);
      const time = (t) => t && {
        local: t.toString(),
        isDate: t.isDate,
        tzid: t.zone ? t.zone.tzid : null,
        utc: t.isDate ? null : new Date(t.toUnixTime() * 1000).toISOString(),
      };
      return {
        uid: event.uid,
        summary: event.summary,
        status: component.getFirstPropertyValue("status"),
        url: component.getFirstPropertyValue("url"),
        start: time(event.startDate),
        end: time(event.endDate),
      };
    }),
  };
}
process.stdout.write(JSON.stringify(out));
