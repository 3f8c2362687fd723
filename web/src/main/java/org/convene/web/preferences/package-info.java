@NullMarked
package org.convene.web.preferences;

import org.jspecify.annotations.NullMarked;
