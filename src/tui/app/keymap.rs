//! The one keymap table of the main screen (DESIGN §11): [`KEYMAP`] is the only place a
//! key of the main screen is defined. Three readers:
//! - dispatch: [`lookup`] finds the [`Command`] a key press means in the focused scope
//!   (`App::on_key` in [`super::command`]);
//! - the help screen (F1, [`crate::tui::dialogs::help`]) lists every row with keys
//!   ([`help_rows`]);
//! - the key-hint bar ([`crate::tui::components::hints`]) shows the rows with a [`Hint`]
//!   ([`hint_rows`]).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::command::{AppCommand, Command, Scope};
use crate::tui::components::detail::DetailCommand;
use crate::tui::components::editor::EditorCommand;
use crate::tui::components::findings::ListCommand;

use crate::tui::components::editor::Motion as M;
use AppCommand as A;
use Command::{App as G, Detail as D, Editor as E, List as L};
use DetailCommand as Dc;
use EditorCommand as Ed;
use ListCommand as Li;

/// The key of a chord.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Code {
    /// Exactly this key.
    Key(KeyCode),
    /// Any character key (typing).
    AnyChar,
}

/// A key with the modifiers it needs and the ones it must not have. Modifiers not named
/// either way are allowed (Shift extends the selection of a cursor move).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chord {
    /// The key.
    pub code: Code,
    /// Modifiers that must be held.
    pub needs: KeyModifiers,
    /// Modifiers that must not be held.
    pub forbids: KeyModifiers,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const ALT: KeyModifiers = KeyModifiers::ALT;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

impl Chord {
    /// Whether `key` is this chord.
    pub fn matches(&self, key: &KeyEvent) -> bool {
        let code = match self.code {
            Code::Key(c) => key.code == c,
            Code::AnyChar => matches!(key.code, KeyCode::Char(_)),
        };
        code && key.modifiers.contains(self.needs) && !key.modifiers.intersects(self.forbids)
    }

    /// How many modifiers the chord needs: among matching chords the most specific wins
    /// (Ctrl+← over ←, Ctrl+Shift+Z over Ctrl+Z).
    fn specificity(&self) -> u32 {
        self.needs.bits().count_ones()
    }
}

const fn key(code: KeyCode) -> Chord {
    Chord {
        code: Code::Key(code),
        needs: NONE,
        forbids: NONE,
    }
}

const fn with(mods: KeyModifiers, code: KeyCode) -> Chord {
    Chord {
        code: Code::Key(code),
        needs: mods,
        forbids: NONE,
    }
}

const fn ctrl(c: char) -> Chord {
    with(CTRL, KeyCode::Char(c))
}

/// A key bound to a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    /// The key.
    pub chord: Chord,
    /// What it does.
    pub command: Command,
}

const fn bind(chord: Chord, command: Command) -> Binding {
    Binding { chord, command }
}

/// How a row appears in the key-hint bar. The bar has four forms, widest first
/// ([`crate::tui::components::hints`]): full, medium, compact, minimal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hint {
    /// Position in the bar (the bar's order differs from the help screen's).
    pub at: u8,
    /// The keys in the full form (`F8/⇧F8`).
    pub keys: &'static str,
    /// The keys in the other forms (`F8`).
    pub short_keys: &'static str,
    /// The word in the full and medium forms (`finding`).
    pub word: &'static str,
    /// The word in the compact form (`next`); `None`: not in the compact or minimal form.
    pub compact: Option<&'static str>,
    /// Also in the minimal form.
    pub minimal: bool,
}

/// One row of the keymap: the help screen's line, the hint, and the bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// The keys as the help screen shows them; empty: not on the help screen (typing).
    pub keys: &'static str,
    /// What they do (help screen).
    pub what: &'static str,
    /// The row in the hint bar, if any.
    pub hint: Option<Hint>,
    /// The keys dispatched to commands (empty for rows that only explain, like Mouse).
    pub bindings: &'static [Binding],
}

const fn hint(at: u8, keys: &'static str, short_keys: &'static str, word: &'static str) -> Hint {
    Hint {
        at,
        keys,
        short_keys,
        word,
        compact: Some(word),
        minimal: true,
    }
}

/// Every key of the main screen, in the help screen's order.
pub const KEYMAP: &[Entry] = &[
    Entry {
        keys: "F1",
        what: "help (this screen)",
        hint: Some(hint(0, "F1", "F1", "help")),
        bindings: &[bind(key(KeyCode::F(1)), G(A::Help))],
    },
    Entry {
        keys: "F2",
        what: "choose account and platform (the counter and limit checks follow)",
        hint: Some(Hint {
            compact: Some("acct"),
            minimal: false,
            ..hint(1, "F2", "F2", "account")
        }),
        bindings: &[bind(key(KeyCode::F(2)), G(A::ChooseTarget))],
    },
    Entry {
        keys: "F8 / Shift+F8",
        what: "next / previous finding (moves the cursor there)",
        hint: Some(Hint {
            compact: Some("next"),
            ..hint(2, "F8/⇧F8", "F8", "finding")
        }),
        bindings: &[
            bind(key(KeyCode::F(8)), G(A::NextFinding)),
            bind(with(SHIFT, KeyCode::F(8)), G(A::PreviousFinding)),
            // Shift+F8 arrives as F20 on some terminals.
            bind(key(KeyCode::F(20)), G(A::PreviousFinding)),
        ],
    },
    Entry {
        keys: "Alt+Enter or F4",
        what: "apply the selected finding's fix (choice list when several)",
        hint: Some(hint(3, "Alt+Enter/F4", "F4", "fix")),
        bindings: &[
            bind(key(KeyCode::F(4)), G(A::ApplyFix)),
            bind(with(ALT, KeyCode::Enter), G(A::ApplyFix)),
        ],
    },
    Entry {
        keys: "Alt+PageUp / Alt+PageDown",
        what: "scroll the finding's detail (also PageUp/PageDown in the list, and the wheel over the detail)",
        hint: Some(Hint {
            minimal: false,
            ..hint(4, "Alt+PgUp/PgDn", "Alt+PgDn", "detail")
        }),
        bindings: &[
            bind(with(ALT, KeyCode::PageUp), G(A::DetailPageUp)),
            bind(with(ALT, KeyCode::PageDown), G(A::DetailPageDown)),
            bind(key(KeyCode::PageUp), L(Li::DetailPage(true))),
            bind(key(KeyCode::PageDown), L(Li::DetailPage(false))),
        ],
    },
    Entry {
        keys: "Tab / Shift+Tab",
        what: "focus the next / previous pane: text, findings list (↑/↓, Enter), detail (↑/↓, PageUp/PageDown, Home/End)",
        hint: Some(Hint {
            compact: None,
            minimal: false,
            ..hint(5, "Tab", "Tab", "list")
        }),
        bindings: &[
            bind(key(KeyCode::Tab), G(A::ToggleFocus)),
            bind(key(KeyCode::BackTab), G(A::FocusBack)),
            bind(with(SHIFT, KeyCode::Tab), G(A::FocusBack)),
        ],
    },
    Entry {
        keys: "Ctrl+S",
        what: "save (atomic); asks for a file name for a new draft",
        hint: Some(hint(7, "^S", "^S", "save")),
        bindings: &[bind(ctrl('s'), G(A::Save))],
    },
    Entry {
        keys: "Ctrl+P",
        what: "publish: the gate (clear to clipboard, outbox and audit log)",
        hint: Some(hint(8, "^P", "^P", "publish")),
        bindings: &[bind(ctrl('p'), G(A::Publish))],
    },
    Entry {
        keys: "Ctrl+T",
        what: "over the limit: split into a numbered thread (1/4…), preview the parts, clear them at once",
        hint: None,
        bindings: &[bind(ctrl('t'), G(A::Thread))],
    },
    Entry {
        keys: "Ctrl+R",
        what: "reload the rules from disk (also automatic when a rule file or the config changes)",
        hint: Some(Hint {
            compact: None,
            minimal: false,
            ..hint(9, "^R", "^R", "reload")
        }),
        bindings: &[bind(ctrl('r'), G(A::Reload))],
    },
    Entry {
        keys: "Ctrl+Q",
        what: "quit (asks when there are unsaved changes)",
        hint: Some(hint(10, "^Q", "^Q", "quit")),
        bindings: &[bind(ctrl('q'), G(A::Quit))],
    },
    Entry {
        keys: "Ctrl+Z / Ctrl+Y",
        what: "undo / redo (typing undoes word by word)",
        hint: Some(Hint {
            compact: None,
            minimal: false,
            ..hint(6, "^Z", "^Z", "undo")
        }),
        bindings: &[
            bind(ctrl('z'), E(Ed::Undo)),
            bind(with(CTRL.union(SHIFT), KeyCode::Char('z')), E(Ed::Redo)),
            bind(ctrl('Z'), E(Ed::Redo)),
            bind(ctrl('y'), E(Ed::Redo)),
        ],
    },
    Entry {
        keys: "Arrows",
        what: "move by grapheme / visual row",
        hint: None,
        bindings: &[
            bind(key(KeyCode::Left), E(Ed::Move(M::Left))),
            bind(key(KeyCode::Right), E(Ed::Move(M::Right))),
            bind(key(KeyCode::Up), E(Ed::Move(M::Up))),
            bind(key(KeyCode::Down), E(Ed::Move(M::Down))),
            bind(key(KeyCode::Up), L(Li::Up)),
            bind(key(KeyCode::Down), L(Li::Down)),
            bind(key(KeyCode::Up), D(Dc::Up)),
            bind(key(KeyCode::Down), D(Dc::Down)),
        ],
    },
    Entry {
        keys: "Ctrl+← / Ctrl+→",
        what: "move by word",
        hint: None,
        bindings: &[
            bind(with(CTRL, KeyCode::Left), E(Ed::Move(M::WordLeft))),
            bind(with(CTRL, KeyCode::Right), E(Ed::Move(M::WordRight))),
        ],
    },
    Entry {
        keys: "Shift+arrows",
        what: "select (with Ctrl: by word; Shift+Home/End too)",
        hint: None,
        // Shift with any cursor move extends the selection (see `Motion`).
        bindings: &[],
    },
    Entry {
        keys: "Ctrl+A",
        what: "select all",
        hint: None,
        bindings: &[bind(ctrl('a'), E(Ed::SelectAll))],
    },
    Entry {
        keys: "Ctrl+C / Ctrl+X / Ctrl+V",
        what: "copy (also to the system clipboard) / cut / paste",
        hint: None,
        bindings: &[
            bind(ctrl('c'), E(Ed::Copy)),
            bind(ctrl('x'), E(Ed::Cut)),
            bind(ctrl('v'), E(Ed::Paste)),
        ],
    },
    Entry {
        keys: "Home / End",
        what: "start / end of the row, again: of the line",
        hint: None,
        bindings: &[
            bind(key(KeyCode::Home), E(Ed::Move(M::Home))),
            bind(key(KeyCode::End), E(Ed::Move(M::End))),
            bind(key(KeyCode::Home), L(Li::First)),
            bind(key(KeyCode::End), L(Li::Last)),
            bind(key(KeyCode::Home), D(Dc::Top)),
            bind(key(KeyCode::End), D(Dc::Bottom)),
        ],
    },
    Entry {
        keys: "Ctrl+Home / Ctrl+End",
        what: "start / end of the text",
        hint: None,
        bindings: &[
            bind(with(CTRL, KeyCode::Home), E(Ed::Move(M::TextStart))),
            bind(with(CTRL, KeyCode::End), E(Ed::Move(M::TextEnd))),
        ],
    },
    Entry {
        keys: "PageUp / PageDown",
        what: "move one screen up / down",
        hint: None,
        bindings: &[
            bind(key(KeyCode::PageUp), E(Ed::Move(M::PageUp))),
            bind(key(KeyCode::PageDown), E(Ed::Move(M::PageDown))),
            bind(key(KeyCode::PageUp), D(Dc::PageUp)),
            bind(key(KeyCode::PageDown), D(Dc::PageDown)),
        ],
    },
    Entry {
        keys: "Backspace / Delete",
        what: "delete one grapheme (or the selection)",
        hint: None,
        bindings: &[
            bind(key(KeyCode::Backspace), E(Ed::Backspace)),
            bind(key(KeyCode::Delete), E(Ed::Delete)),
        ],
    },
    Entry {
        keys: "Ctrl+Backspace / Ctrl+Delete",
        what: "delete a word left / right (also Ctrl+W, Alt+Backspace)",
        hint: None,
        bindings: &[
            bind(with(CTRL, KeyCode::Backspace), E(Ed::DeleteWordLeft)),
            bind(with(ALT, KeyCode::Backspace), E(Ed::DeleteWordLeft)),
            bind(ctrl('w'), E(Ed::DeleteWordLeft)),
            bind(ctrl('h'), E(Ed::DeleteWordLeft)),
            bind(with(CTRL, KeyCode::Delete), E(Ed::DeleteWordRight)),
        ],
    },
    Entry {
        keys: "Enter",
        what: "new line (in the list: go to the finding)",
        hint: None,
        bindings: &[
            bind(key(KeyCode::Enter), E(Ed::NewLine)),
            bind(key(KeyCode::Enter), L(Li::Go)),
        ],
    },
    Entry {
        keys: "Mouse",
        what: "click places the cursor or selects a finding, drag selects text (Shift+drag: the terminal's own selection); the wheel scrolls the pane under it",
        hint: None,
        bindings: &[],
    },
    Entry {
        keys: "Esc",
        what: "close a dialog; in the list or the detail: back to the text",
        hint: None,
        bindings: &[
            bind(key(KeyCode::Esc), L(Li::Leave)),
            bind(key(KeyCode::Esc), D(Dc::Leave)),
        ],
    },
    Entry {
        keys: "",
        what: "typing inserts the character",
        hint: None,
        bindings: &[bind(
            Chord {
                code: Code::AnyChar,
                needs: NONE,
                forbids: CTRL.union(ALT),
            },
            E(Ed::Type),
        )],
    },
];

/// The rows of the help screen (every row with keys), in order.
pub fn help_rows() -> impl Iterator<Item = &'static Entry> {
    KEYMAP.iter().filter(|e| !e.keys.is_empty())
}

/// The rows of the hint bar, in the bar's order.
pub fn hint_rows() -> Vec<Hint> {
    let mut hints: Vec<Hint> = KEYMAP.iter().filter_map(|e| e.hint).collect();
    hints.sort_by_key(|h| h.at);
    hints
}

/// The command `key` means in `scope`: of the matching bindings, the one that needs the
/// most modifiers; among equals, the first in [`KEYMAP`].
pub fn lookup(scope: Scope, key: &KeyEvent) -> Option<Command> {
    let mut best: Option<&Binding> = None;
    let bindings = KEYMAP.iter().flat_map(|e| e.bindings.iter());
    for b in bindings.filter(|b| b.command.scope() == scope && b.chord.matches(key)) {
        if best.is_none_or(|x| b.chord.specificity() > x.chord.specificity()) {
            best = Some(b);
        }
    }
    best.map(|b| b.command)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn the_most_specific_binding_wins() {
        let z = |m| lookup(Scope::Editor, &ev(KeyCode::Char('z'), m));
        assert_eq!(z(CTRL), Some(E(Ed::Undo)));
        assert_eq!(z(CTRL | SHIFT), Some(E(Ed::Redo)));
        assert_eq!(z(NONE), Some(E(Ed::Type)));
        assert_eq!(z(ALT), None);
        let left = |m| lookup(Scope::Editor, &ev(KeyCode::Left, m));
        assert_eq!(left(SHIFT), Some(E(Ed::Move(M::Left))));
        assert_eq!(left(CTRL | SHIFT), Some(E(Ed::Move(M::WordLeft))));
        let f8 = |m| lookup(Scope::App, &ev(KeyCode::F(8), m));
        assert_eq!(f8(NONE), Some(G(A::NextFinding)));
        assert_eq!(f8(SHIFT), Some(G(A::PreviousFinding)));
    }

    #[test]
    fn scopes_keep_their_own_meaning_of_a_key() {
        let enter = ev(KeyCode::Enter, NONE);
        assert_eq!(lookup(Scope::App, &enter), None);
        assert_eq!(lookup(Scope::Editor, &enter), Some(E(Ed::NewLine)));
        assert_eq!(lookup(Scope::List, &enter), Some(L(Li::Go)));
        let alt_enter = ev(KeyCode::Enter, ALT);
        assert_eq!(lookup(Scope::App, &alt_enter), Some(G(A::ApplyFix)));
    }

    #[test]
    fn every_command_of_the_app_scope_has_a_key() {
        use AppCommand::*;
        let all = [
            Help,
            ChooseTarget,
            NextFinding,
            PreviousFinding,
            ApplyFix,
            ToggleFocus,
            FocusBack,
            DetailPageUp,
            DetailPageDown,
            Save,
            Publish,
            Thread,
            Reload,
            Quit,
        ];
        let bound: Vec<Command> = KEYMAP
            .iter()
            .flat_map(|e| e.bindings.iter().map(|b| b.command))
            .collect();
        for c in all {
            assert!(bound.contains(&G(c)), "{c:?} has no key");
        }
    }

    /// The chord a hint's short keys name: `^S` is Ctrl+S, `F8` is F8, `Tab` is Tab.
    fn named(short_keys: &str) -> Chord {
        if let Some(c) = short_keys.strip_prefix('^') {
            let c = c.chars().next().unwrap().to_ascii_lowercase();
            return ctrl(c);
        }
        if let Some(n) = short_keys.strip_prefix('F') {
            return key(KeyCode::F(n.parse().unwrap()));
        }
        if short_keys == "Alt+PgDn" {
            return with(ALT, KeyCode::PageDown);
        }
        assert_eq!(short_keys, "Tab");
        key(KeyCode::Tab)
    }

    #[test]
    fn every_hint_names_a_key_of_its_own_row() {
        for e in KEYMAP {
            let Some(h) = e.hint else { continue };
            let chord = named(h.short_keys);
            assert!(
                e.bindings.iter().any(|b| b.chord == chord),
                "hint `{}` of row `{}` is not one of its keys",
                h.short_keys,
                e.keys
            );
        }
    }

    #[test]
    fn hint_positions_are_distinct() {
        let hints = hint_rows();
        for w in hints.windows(2) {
            assert!(w[0].at < w[1].at, "{:?} and {:?}", w[0], w[1]);
        }
    }
}
