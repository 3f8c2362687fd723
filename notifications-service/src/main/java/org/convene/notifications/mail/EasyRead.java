package org.convene.notifications.mail;

import org.convene.contracts.registrations.RegistrationMessage;

/** When a person's emails are written in Easy Read (issue 21). */
public final class EasyRead {

    private EasyRead() {}

    /**
     * They chose Easy Read, or asked for Easy Read material as an access need: someone who needs Easy
     * Read at the event needs it in the emails about it too.
     */
    public static boolean wanted(RegistrationMessage message) {
        return message.wantsEasyRead()
                || (message.supportRequested() != null
                        && message.supportRequested().contains("EASY_READ"));
    }
}
