@NullMarked
package org.convene.notifications.delivery.messaging;

import org.jspecify.annotations.NullMarked;
