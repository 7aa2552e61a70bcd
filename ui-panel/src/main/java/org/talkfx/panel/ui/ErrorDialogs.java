package org.talkfx.panel.ui;

import org.talkfx.common.BadInputException;
import org.talkfx.service.ServiceUnavailableException;

import javax.swing.JOptionPane;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import java.awt.Component;
import java.io.IOException;

/** Errors as dialogs that say what went wrong and what to do next; never a bare stack trace. */
final class ErrorDialogs {
    private ErrorDialogs() {
    }

    static String describe(Throwable e) {
        String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String todo;
        if (e instanceof BadInputException) {
            todo = "Fix the file named above (or choose another one) and try again.";
        } else if (e instanceof ServiceUnavailableException) {
            todo = "Start the render service (Jobs tab, \"Start service\", or `talkfx serve`) and try again; finished windows stay in the cache.";
        } else if (e instanceof IOException) {
            todo = "Check that the folder exists, has space and can be written, then try again.";
        } else if (e instanceof IllegalStateException) {
            todo = null;    // these messages already say what to do
        } else {
            todo = "This looks like a bug in TalkFX; please report it with the steps that led here.";
        }
        return todo == null ? what : what + "\n\n" + todo;
    }

    static void show(Component parent, Throwable e) {
        JTextArea text = new JTextArea(describe(e));
        text.setEditable(false);
        text.setLineWrap(true);
        text.setWrapStyleWord(true);
        text.setColumns(60);
        text.setRows(Math.min(16, Math.max(3, text.getText().split("\n").length + 2)));
        text.setName("error-text");
        JOptionPane.showMessageDialog(parent, new JScrollPane(text), "TalkFX", JOptionPane.ERROR_MESSAGE);
    }
}
