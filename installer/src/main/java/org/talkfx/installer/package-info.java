/** Assembles, installs and verifies the TalkFX OFX bundle and the user's model files. */
package org.talkfx.installer;
