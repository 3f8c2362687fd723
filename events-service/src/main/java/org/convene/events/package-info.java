@NullMarked
package org.convene.events;

import org.jspecify.annotations.NullMarked;
