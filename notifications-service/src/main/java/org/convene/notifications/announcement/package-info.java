@NullMarked
package org.convene.notifications.announcement;

import org.jspecify.annotations.NullMarked;
