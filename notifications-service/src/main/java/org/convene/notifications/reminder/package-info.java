@NullMarked
package org.convene.notifications.reminder;

import org.jspecify.annotations.NullMarked;
