@NullMarked
package org.convene.notifications.mail;

import org.jspecify.annotations.NullMarked;
