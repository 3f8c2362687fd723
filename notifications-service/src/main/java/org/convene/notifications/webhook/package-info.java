@NullMarked
package org.convene.notifications.webhook;

import org.jspecify.annotations.NullMarked;
