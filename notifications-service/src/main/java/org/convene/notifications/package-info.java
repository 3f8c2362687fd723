@NullMarked
package org.convene.notifications;

import org.jspecify.annotations.NullMarked;
