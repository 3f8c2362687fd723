@NullMarked
package org.convene.identity;

import org.jspecify.annotations.NullMarked;
