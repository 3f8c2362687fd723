@NullMarked
package org.convene.notifications.delivery.sending;

import org.jspecify.annotations.NullMarked;
