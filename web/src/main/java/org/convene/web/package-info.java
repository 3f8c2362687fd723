@NullMarked
package org.convene.web;

import org.jspecify.annotations.NullMarked;
