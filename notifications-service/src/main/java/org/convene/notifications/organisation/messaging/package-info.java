@NullMarked
package org.convene.notifications.organisation.messaging;

import org.jspecify.annotations.NullMarked;
