/*
 * The portal's additions to Decap CMS (loaded after decap-cms.js by /admin/index.html).
 *
 * Decap CMS is used as it ships; this file only registers, through its extension points
 * (CMS.registerWidget, CMS.registerEventListener), what the content model needs and Decap lacks:
 *
 * - "portal-many-relation", "portal-many-select", "portal-many-list": the relation, select and
 *   list widgets, given a list when the file holds one value (`campus: green-city`). Decap's own
 *   widgets show a single value as empty, and picking a value there replaced it. The file keeps
 *   its single value until the editor changes the field.
 * - "portal-boolean", "portal-select": show the model's default when the file leaves the field
 *   out, instead of « non » or nothing. Nothing is written until changed.
 * - "portal-when": a date, with « Toute la journée » checked (written 2025-06-05), or a date and
 *   a time (written 2025-06-05T17:30, Paris time); never a time the editor did not give.
 * - the uncaught, empty rejection Decap leaves behind a refused save, silenced (see below);
 * - a preSave listener: empty texts are left out (the models refuse `lead: ""`), and the title of
 *   a new item gets typographic apostrophes, so that the file name Decap makes from it is the
 *   project's slug (Decap drops « ' » but turns « ’ » into a hyphen, as generator.text.slugify).
 *
 * Plain JavaScript on the globals decap-cms.js defines (CMS, h, createClass): no build step.
 * `clean` is also exported for Node, where the tests run it and Decap's own front-matter formatter
 * over every content file (tests/form/decap-format.mjs).
 */
(function (root) {
  "use strict";

  /** `value` without empty texts, in Decap's Immutable maps and lists as in plain ones. */
  function clean(value) {
    if (value && typeof value.filter === "function" && typeof value.map === "function") {
      return value.filter(function (v) { return v !== ""; }).map(clean);
    }
    return value;
  }

  /** « Visite d'atelier » → « Visite d’atelier ». */
  function typographic(text) {
    return typeof text === "string" ? text.replace(/'/g, "\u2019") : text;
  }

  if (typeof module === "object" && module.exports) {
    module.exports = { clean: clean };
  }
  var CMS = root.CMS;
  if (!CMS) return;
  var h = root.h;
  var createClass = root.createClass;
  // Collection name → the field its file names are made from (generator/cms.py writes them).
  var script = root.document.currentScript;
  var identifiers = JSON.parse((script && script.dataset.identifiers) || "{}");

  /* A Decap widget whose control is given `shown(props)` as its value, and whose changes are
   * written as `written(props, value)`. Validation (min, max) is the wrapped control's own, on
   * what it shows. */
  function wrap(base, shown, written) {
    var Base = CMS.getWidget(base);
    var Control = createClass({
      isValid: function () {
        return this.inner && this.inner.isValid ? this.inner.isValid() : true;
      },
      keep: function (ref) {
        this.inner = ref && ref.getWrappedInstance ? ref.getWrappedInstance() : ref;
      },
      change: function (value, metadata) {
        this.props.onChange(written ? written(this.props, value) : value, metadata);
        // A value written back as it was changes no prop, yet the wrapped control may wait for
        // a new value to show what it has loaded (the relation widget, its options).
        this.forceUpdate();
      },
      render: function () {
        var props = Object.assign({}, this.props, {
          value: shown(this.props),
          onChange: this.change,
          ref: this.keep,
        });
        return h(Base.control, props);
      },
    });
    return [Control, Base.preview];
  }

  function isSingle(value) {
    return typeof value === "string" || typeof value === "number";
  }

  /* One value where a list is expected: shown as a list of one. An Immutable List is made
   * from the field (a Map) itself, since decap-cms.js does not export Immutable. */
  function asList(props) {
    return isSingle(props.value) ? props.field.toList().clear().push(props.value) : props.value;
  }

  /* A file that held one value keeps one value while the list has one. (Decap's relation
   * widget reports its value once its options are loaded: written as a list, that would mark
   * every entry as modified and rewrite `campus: green-city`.) */
  function asWritten(props, value) {
    return isSingle(props.value) && value && value.size === 1 ? value.get(0) : value;
  }

  /* The model's default: `default` (Decap writes it in new entries), or `portal_default` in
   * the items of a list (shown only: see generator/cms.py). */
  function orDefault(props) {
    var field = props.field;
    if (props.value !== undefined && props.value !== null) return props.value;
    return field.has("portal_default") ? field.get("portal_default") : field.get("default");
  }

  CMS.registerWidget.apply(CMS, ["portal-many-relation"].concat(wrap("relation", asList, asWritten)));
  CMS.registerWidget.apply(CMS, ["portal-many-select"].concat(wrap("select", asList, asWritten)));
  CMS.registerWidget.apply(CMS, ["portal-many-list"].concat(wrap("list", asList, asWritten)));
  CMS.registerWidget.apply(CMS, ["portal-boolean"].concat(wrap("boolean", orDefault)));
  CMS.registerWidget.apply(CMS, ["portal-select"].concat(wrap("select", orDefault)));

  var DAY = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}))?/;

  /* Date, or date and time, as the model reads them (generator.models.common.When). */
  var When = createClass({
    getInitialState: function () {
      var parts = this.parts();
      return { timed: Boolean(parts.time) };
    },
    parts: function () {
      var found = DAY.exec(String(this.props.value || ""));
      return { day: found ? found[1] : "", time: found && found[2] ? found[2] : "" };
    },
    write: function (day, time) {
      this.props.onChange(day ? (time ? day + "T" + time : day) : "");
    },
    isValid: function () {
      var value = String(this.props.value || "");
      if (!value) return true;
      if (!DAY.test(value)) {
        return { error: { message: "Date attendue : AAAA-MM-JJ, ou AAAA-MM-JJTHH:MM." } };
      }
      var start = this.props.entry && this.props.entry.getIn(["data", "start"]);
      var name = this.props.field.get("name");
      if (name === "end" && start && /[T ]/.test(String(start)) !== /[T ]/.test(value)) {
        return {
          error: {
            message:
              "Le début et la fin doivent être tous deux « toute la journée », ou tous deux avec une heure.",
          },
        };
      }
      return true;
    },
    render: function () {
      var self = this;
      var parts = this.parts();
      var id = this.props.forID;
      var timed = this.state.timed || Boolean(parts.time);
      var inputs = [
        h("input", {
          key: "day",
          id: id,
          type: "date",
          value: parts.day,
          onChange: function (e) { self.write(e.target.value, timed ? parts.time : ""); },
          onFocus: this.props.setActiveStyle,
          onBlur: this.props.setInactiveStyle,
          "aria-label": "Date",
        }),
        h(
          "label",
          { key: "allday", style: { margin: "0 1em", whiteSpace: "nowrap" } },
          h("input", {
            type: "checkbox",
            checked: !timed,
            onChange: function (e) {
              self.setState({ timed: !e.target.checked });
              if (e.target.checked) self.write(parts.day, "");
            },
          }),
          " Toute la journée"
        ),
      ];
      if (timed) {
        inputs.push(
          h("input", {
            key: "time",
            type: "time",
            value: parts.time,
            onChange: function (e) { self.write(parts.day, e.target.value); },
            "aria-label": "Heure (heure de Paris)",
          })
        );
      }
      return h("div", { className: this.props.classNameWrapper }, inputs);
    },
  });
  var WhenPreview = function (props) { return h("span", {}, String(props.value || "")); };
  CMS.registerWidget("portal-when", When, WhenPreview);

  /* A save the form refuses (a required field empty, a date of the wrong kind) is shown to the
   * editor as a notification, and Decap then rejects a promise with nothing (its persistEntry:
   * `return Promise.reject()`), which nothing handles: the browser would log it as an uncaught
   * error, with no message. Only those empty rejections are silenced. */
  root.addEventListener("unhandledrejection", function (event) {
    if (event.reason === undefined) event.preventDefault();
  });

  CMS.registerEventListener({
    name: "preSave",
    handler: function (event) {
      var entry = event.entry;
      var data = clean(entry.get("data"));
      if (entry.get("newRecord")) {
        var identifier = identifiers[entry.get("collection")] || "title";
        data = data.update(identifier, typographic);
      }
      return data;
    },
  });
})(typeof window === "undefined" ? globalThis : window);
