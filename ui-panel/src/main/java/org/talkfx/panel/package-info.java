/** The Swing panel: timeline audio to speakers, heads, preview, jobs and the batch queue. */
package org.talkfx.panel;
