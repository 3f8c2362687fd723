@NullMarked
package org.convene.notifications.event.messaging;

import org.jspecify.annotations.NullMarked;
